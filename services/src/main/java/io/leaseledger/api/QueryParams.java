package io.leaseledger.api;

import io.leaseledger.config.ApiInputs;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.projections.query.PageRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Query parameters and path values of the read routes, checked one by one: a wrong one is a 400 naming it. */
final class QueryParams {
    private QueryParams() {}

    static String address(String field, String text) throws ApiException {
        if (text == null) {
            return null;
        }
        try {
            return Ipv4Address.parse(text).toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(new ApiError.FieldError(field, text, "an IPv4 address (dotted quad)"));
        }
    }

    static String mac(String field, String text) throws ApiException {
        if (text == null) {
            return null;
        }
        try {
            return MacAddress.parse(text).toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(new ApiError.FieldError(field, text, "a MAC address (52:54:00:12:34:56)"));
        }
    }

    /** A subnet as a query parameter: CIDR with {@code /} or {@code -}. */
    static String subnet(String field, String text) throws ApiException {
        if (text == null) {
            return null;
        }
        String cidr = text.contains("/") ? text : text.replaceFirst("-(\\d{1,2})$", "/$1");
        try {
            return Cidr.parse(cidr).toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(new ApiError.FieldError(field, text, "a subnet in CIDR form (198.18.0.0/24 or 198.18.0.0-24)"));
        }
    }

    /** An instant: ISO-8601 with a zone or offset ({@code 2026-11-24T14:03:00Z}, {@code 2026-11-24T15:03:00+01:00}). */
    static Instant instant(String field, String text) throws ApiException {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(new ApiError.FieldError(field, text,
                    "an ISO-8601 time with a zone, e.g. 2026-11-24T14:03:00Z"));
        }
    }

    static Duration duration(String field, String text) throws ApiException {
        try {
            return ApiInputs.duration(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(new ApiError.FieldError(field, text, "a duration such as 5m, 1h or 1d"));
        }
    }

    static <E extends Enum<E>> E choice(String field, String text, Class<E> type) throws ApiException {
        if (text == null) {
            return null;
        }
        String normal = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(normal)) {
                return value;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E value : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : ", ").append(value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw ApiException.invalid(new ApiError.FieldError(field, text, "one of " + names));
    }

    /** {@code true} or {@code false}; absent is false. */
    static boolean flag(String field, String text) throws ApiException {
        if (text == null) {
            return false;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(new ApiError.FieldError(field, text, "true or false"));
        };
    }

    static PageRequest page(Integer limit, String cursor) throws ApiException {
        int n = limit == null ? PageRequest.DEFAULT_LIMIT : limit;
        if (n < 1 || n > PageRequest.MAX_LIMIT) {
            throw ApiException.invalid(new ApiError.FieldError("limit", String.valueOf(limit),
                    "from 1 to " + PageRequest.MAX_LIMIT));
        }
        return new PageRequest(n, cursor == null || cursor.isBlank() ? null : cursor);
    }
}
