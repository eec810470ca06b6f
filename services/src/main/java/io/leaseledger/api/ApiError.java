package io.leaseledger.api;

import java.util.List;

/**
 * Every error body of the API: a stable code, a sentence, and for validation errors one entry
 * per offending field.
 *
 * @param error   {@code unauthorized}, {@code forbidden}, {@code invalid}, {@code not-found},
 *                {@code conflict}, {@code refused}, {@code unavailable}, {@code incomplete} (the enum of openapi.yaml's Error)
 * @param message what went wrong, naming the value
 * @param fields  for {@code invalid}: each field, the value sent and what is wrong with it
 */
public record ApiError(String error, String message, List<FieldError> fields) {

    public ApiError {
        fields = List.copyOf(fields);
    }

    /**
     * @param field   the field's path in the request body ({@code ranges[0].start}) or the query parameter
     * @param value   the value sent, as text (null when absent)
     * @param message what is wrong
     */
    public record FieldError(String field, String value, String message) {}
}
