package io.leaseledger.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** {@link ApiException} → its status and {@link ApiError} body. */
@Produces
@Singleton
@Requires(classes = {ApiException.class, ExceptionHandler.class})
public final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ApiError>> {
    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, ApiException exception) {
        return HttpResponse.<ApiError>status(exception.status()).body(exception.body());
    }
}
