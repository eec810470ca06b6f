package io.leaseledger.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaseledger.config.ConfigError;
import io.leaseledger.config.ConfigurationException;

import java.util.List;

/** JSON bodies in, field-level {@link ApiError}s out. */
final class RequestBodies {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private RequestBodies() {}

    static JsonNode parse(String body) throws ApiException {
        if (body == null || body.isBlank()) {
            throw ApiException.invalid(new ApiError.FieldError("", null, "a JSON object is required as the request body"));
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(new ApiError.FieldError("", null, "not JSON: " + e.getOriginalMessage()));
        }
    }

    /** A reader of the configuration's rules ({@code ApiInputs}): the value, or every field it refuses. */
    @FunctionalInterface
    interface Reader<T> {
        T read(JsonNode body) throws ConfigurationException;
    }

    /** The body read by {@code reader}: 400 for a body that is not JSON, or naming each field it refuses. */
    static <T> T read(String body, Reader<T> reader) throws ApiException {
        JsonNode json = parse(body);
        try {
            return reader.read(json);
        } catch (ConfigurationException e) {
            throw invalid(e, json);
        }
    }

    /** Each error of the reader, with the value the client sent at its path. */
    static ApiException invalid(ConfigurationException e, JsonNode body) {
        List<ApiError.FieldError> fields = e.errors().stream()
                .map(err -> new ApiError.FieldError(err.path(), valueAt(body, err), err.message()))
                .toList();
        return ApiException.invalid(fields);
    }

    private static String valueAt(JsonNode body, ConfigError err) {
        if (err.path().isEmpty()) {
            return null;
        }
        String pointer = "/" + err.path().replace(".", "/").replaceAll("\\[(\\d+)\\]", "/$1");
        JsonNode v = body.at(pointer);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
