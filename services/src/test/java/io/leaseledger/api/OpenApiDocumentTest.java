package io.leaseledger.api;

import io.leaseledger.api.auth.RequiresRole;
import io.leaseledger.api.auth.Role;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the node serves matches the routes the running server has: the same
 * operations (method and path), the same query parameters, and the role each /api route
 * declares is the document's {@code x-role}.
 */
class OpenApiDocumentTest extends RunningApi {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
    private static final Pattern TEMPLATE = Pattern.compile("^([^{?]*(?:\\{[^?}][^}]*\\}[^{?]*)*)(?:\\{\\?([^}]*)\\})?$");


    /** "GET /api/v1/leases" → its query parameters and role. */
    record Operation(List<String> query, String role) {}

    @Test
    void theServedDocumentListsExactlyTheRunningRoutes() throws Exception {
        ApiNode.Reply served = api.get("/openapi.yaml", null);
        assertThat(served.status()).isEqualTo(200);
        Map<String, Operation> documented = documented(new Yaml().load(served.body()));
        Map<String, Operation> running = running(api.node.context().getBean(Router.class));

        assertThat(documented.keySet()).as("operations in the document").containsExactlyInAnyOrderElementsOf(running.keySet());
        running.forEach((operation, route) -> {
            assertThat(documented.get(operation).query()).as("query parameters of %s", operation)
                    .containsExactlyInAnyOrderElementsOf(route.query());
            assertThat(documented.get(operation).role()).as("x-role of %s", operation).isEqualTo(route.role());
        });
        assertThat(running).as("the routes a test of each kind exercises").containsKeys(
                "GET /health", "GET /metrics", "GET /api/v1/leases", "POST /api/v1/subnets");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Operation> documented(Map<String, Object> doc) {
        Map<String, Object> componentsParameters = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("parameters");
        Map<String, Operation> out = new TreeMap<>();
        ((Map<String, Object>) doc.get("paths")).forEach((path, item) -> {
            Map<String, Object> pathItem = (Map<String, Object>) item;
            List<Object> shared = (List<Object>) pathItem.getOrDefault("parameters", List.of());
            for (String method : METHODS) {
                Map<String, Object> op = (Map<String, Object>) pathItem.get(method);
                if (op == null) {
                    continue;
                }
                List<Object> params = new ArrayList<>(shared);
                params.addAll((List<Object>) op.getOrDefault("parameters", List.of()));
                List<String> query = new ArrayList<>();
                for (Object p : params) {
                    Map<String, Object> param = (Map<String, Object>) p;
                    if (param.containsKey("$ref")) {
                        String ref = (String) param.get("$ref");
                        param = (Map<String, Object>) componentsParameters.get(ref.substring(ref.lastIndexOf('/') + 1));
                    }
                    if ("query".equals(param.get("in"))) {
                        query.add((String) param.get("name"));
                    }
                }
                out.put(method.toUpperCase(Locale.ROOT) + " " + path, new Operation(query, (String) op.get("x-role")));
            }
        });
        return out;
    }

    private static Map<String, Operation> running(Router router) {
        Map<String, Operation> out = new TreeMap<>();
        router.uriRoutes().forEach((UriRouteInfo<?, ?> route) -> {
            String template = route.getUriMatchTemplate().toString();
            Matcher m = TEMPLATE.matcher(template);
            assertThat(m.matches()).as("route template %s", template).isTrue();
            String path = m.group(1).length() > 1 && m.group(1).endsWith("/") ? m.group(1).substring(0, m.group(1).length() - 1) : m.group(1);
            List<String> query = m.group(2) == null ? List.of() : Arrays.asList(m.group(2).split(","));
            String role = route.getAnnotationMetadata().enumValue(RequiresRole.class, Role.class).map(Role::label).orElse(null);
            out.put(route.getHttpMethodName() + " " + path, new Operation(new ArrayList<>(new TreeSet<>(query)), role));
        });
        // Micronaut answers HEAD on every GET route (the GET without a body); OpenAPI implies it too.
        out.keySet().removeIf(op -> op.startsWith("HEAD ") && out.containsKey("GET " + op.substring(5)));
        return out;
    }
}
