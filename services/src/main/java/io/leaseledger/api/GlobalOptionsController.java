package io.leaseledger.api;

import io.leaseledger.api.auth.RequiresRole;
import io.leaseledger.api.auth.Role;
import io.leaseledger.config.ConfiguredSubnet;
import io.leaseledger.config.GlobalOptions;
import io.leaseledger.config.SettingsView;
import io.leaseledger.events.subnet.SubnetCommand;
import io.leaseledger.events.types.Octets;
import io.leaseledger.wire.reply.OptionSnippet;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The global option snippets (the file's top-level {@code options}): sent on every subnet unless a
 * subnet or host sets the same option. They have no stream of their own ({@link GlobalOptions}):
 * a write becomes a {@code SetOptionSnippet} or {@code RemoveOptionSnippet} of global scope for
 * every served subnet whose global snippets differ from what is then in force, each committed
 * before the next is sent and all before the answer.
 *
 * <p>Should a subnet fail between two others, the answer is a 500 naming the subnets not reached;
 * the ones reached keep the change, and the same request again completes it (subnets already
 * there get no command), as does the next start.
 */
@Controller("/api/v1/options")
public final class GlobalOptionsController {
    private final SubnetCommands commands;
    private final SettingsView settings;
    private final Clock clock;

    public GlobalOptionsController(SubnetCommands commands, SettingsView settings, Clock clock) {
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
    }

    /** The global snippets in force, by code. */
    @Get
    @RequiresRole(Role.READ_ONLY)
    public List<SubnetView.Option> list() {
        return settings.globalSnippets().entrySet().stream()
                .map(e -> SubnetView.Option.global(e.getKey(), e.getValue()))
                .toList();
    }

    /** Sets a global snippet (body as an entry of the file's {@code options} list) on every served subnet. */
    @Put
    @RequiresRole(Role.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public List<SubnetView.Option> set(@Body @Nullable String body) throws ApiException {
        OptionSnippet snippet = ConfigurationController.snippet(body);
        SortedMap<Integer, ConfiguredSubnet.Snippet> next = settings.globalSnippets();
        next.put(snippet.code(), new ConfiguredSubnet.Snippet(new Octets(snippet.value()), snippet.alwaysSend()));
        everySubnetTo(next, "global option " + snippet.code());
        return list();
    }

    /** Removes a global snippet from every served subnet. */
    @Delete("/{code}")
    @RequiresRole(Role.OPERATOR)
    public HttpResponse<Void> remove(@PathVariable String code) throws ApiException {
        int option = ConfigurationController.code(code);
        SortedMap<Integer, ConfiguredSubnet.Snippet> next = settings.globalSnippets();
        if (next.remove(option) == null) {
            throw ApiException.notFound("no global option " + option + " is set");
        }
        everySubnetTo(next, "removing global option " + option);
        return HttpResponse.noContent();
    }

    private void everySubnetTo(Map<Integer, ConfiguredSubnet.Snippet> inForce, String change) throws ApiException {
        Collection<ConfiguredSubnet> served = settings.subnets();
        if (served.isEmpty()) {
            throw ApiException.refused("no subnet is served: global option snippets are carried by the subnets' event"
                    + " streams, so there is nowhere to record one; define a subnet first (it gets those in force)");
        }
        Instant at = clock.instant();
        List<String> notReached = new ArrayList<>();
        for (ConfiguredSubnet subnet : served) {
            try {
                for (SubnetCommand command : GlobalOptions.toward(subnet, inForce, at)) {
                    commands.send(command);
                }
            } catch (ApiException e) {
                if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                    throw e; // a region: nothing was sent anywhere
                }
                if (settings.subnet(subnet.id()).isPresent()) { // one removed meanwhile carries nothing
                    notReached.add(subnet.id() + " (" + e.getMessage() + ")");
                }
            } catch (RuntimeException e) {
                notReached.add(subnet.id() + " (" + e.getMessage() + ")");
            }
        }
        if (!notReached.isEmpty()) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, new ApiError("incomplete", change + " reached "
                    + (served.size() - notReached.size()) + " of " + served.size() + " served subnets, not "
                    + String.join(", ", notReached) + "; the same request again completes it", List.of()));
        }
    }
}
