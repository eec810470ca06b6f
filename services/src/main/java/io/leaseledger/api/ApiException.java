package io.leaseledger.api;

import io.micronaut.http.HttpStatus;

import java.util.List;

/**
 * A request the API answers with an error body ({@link ApiError}); {@link ApiExceptionHandler}
 * turns it into the response. Checked, so every controller says which errors it can give.
 */
public final class ApiException extends Exception {
    private final HttpStatus status;
    private final ApiError body;

    public ApiException(HttpStatus status, ApiError body) {
        super(body.message());
        this.status = status;
        this.body = body;
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError body() {
        return body;
    }

    /** 400: the request's fields are wrong, one entry per field. */
    public static ApiException invalid(List<ApiError.FieldError> fields) {
        return new ApiException(HttpStatus.BAD_REQUEST, new ApiError("invalid",
                fields.size() + (fields.size() == 1 ? " field is" : " fields are") + " not valid", fields));
    }

    public static ApiException invalid(ApiError.FieldError field) {
        return invalid(List.of(field));
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, new ApiError("not-found", message, List.of()));
    }

    /** 409: the request conflicts with the current state (an overlapping range, a taken address). */
    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, new ApiError("conflict", message, List.of()));
    }

    /** 422: well-formed, but the subnet refuses it by a rule of its own (a removed subnet, a range outside the CIDR). */
    public static ApiException refused(String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, new ApiError("refused", message, List.of()));
    }
}
