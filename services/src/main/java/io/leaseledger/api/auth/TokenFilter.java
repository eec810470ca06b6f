package io.leaseledger.api.auth;

import io.leaseledger.api.ApiError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;

import java.util.Optional;

/**
 * Bearer-token access control for everything under {@code /api}: 401 when the request carries no
 * token or one that is not in the tokens file (revoked tokens included), 403 when the token's
 * role is below the route's {@link RequiresRole}. {@code /health} and {@code /metrics} are
 * outside {@code /api} and open (see docs/api.md).
 */
@ServerFilter("/api/**")
public final class TokenFilter {
    /** The request attribute holding the authenticated {@link ApiToken}, for controllers that record who acted. */
    public static final String TOKEN_ATTRIBUTE = "leaseledger.token";

    private final TokenStore tokens;

    public TokenFilter(TokenStore tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty()) {
            return null; // no such route: let the router answer 404/405
        }
        Optional<String> presented = request.getHeaders().getAuthorization()
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip());
        if (presented.isEmpty()) {
            return unauthorized("an API token is required: send 'Authorization: Bearer TOKEN'");
        }
        Optional<ApiToken> token = tokens.authenticate(presented.get());
        if (token.isEmpty()) {
            return unauthorized("the API token is not valid (unknown or revoked)");
        }
        Optional<Role> required = route.get().getAnnotationMetadata().enumValue(RequiresRole.class, Role.class);
        if (required.isEmpty()) {
            // A route nobody classified is closed, not open.
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(new ApiError("forbidden",
                    "this route declares no role; it is refused to every token", java.util.List.of()));
        }
        if (!token.get().role().allows(required.get())) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(new ApiError("forbidden",
                    "the token '" + token.get().name() + "' has the role " + token.get().role().label()
                            + "; this needs " + required.get().label() + " or higher", java.util.List.of()));
        }
        request.setAttribute(TOKEN_ATTRIBUTE, token.get());
        return null;
    }

    private static HttpResponse<?> unauthorized(String message) {
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"leaseledger\"")
                .body(new ApiError("unauthorized", message, java.util.List.of()));
    }
}
