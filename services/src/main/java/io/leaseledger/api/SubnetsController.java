package io.leaseledger.api;

import io.leaseledger.api.auth.RequiresRole;
import io.leaseledger.api.auth.Role;
import io.leaseledger.config.ConfiguredSubnet;
import io.leaseledger.config.SettingsView;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.util.Comparator;
import java.util.List;

/** Reading the subnets' configuration (read-only role); writes are in {@link ConfigurationController}. */
@Controller("/api/v1/subnets")
public final class SubnetsController {
    private final SettingsView settings;

    public SubnetsController(SettingsView settings) {
        this.settings = settings;
    }

    @Get
    @RequiresRole(Role.READ_ONLY)
    public List<SubnetView> list() {
        return settings.subnets().stream()
                .sorted(Comparator.comparing(s -> s.cidr().network()))
                .map(SubnetView::of).toList();
    }

    @Get("/{subnet}")
    @RequiresRole(Role.READ_ONLY)
    public SubnetView get(@PathVariable String subnet) throws ApiException {
        ConfiguredSubnet found = settings.subnet(SubnetPaths.parse(subnet))
                .orElseThrow(() -> ApiException.notFound("no subnet " + subnet + " is served"));
        return SubnetView.of(found);
    }
}
