package io.leaseledger.api;

import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.SubnetId;

/**
 * Subnets in URLs: a CIDR has a {@code /}, so paths write it as {@code 198.18.0.0-24} (the
 * {@code /} also works percent-encoded, {@code 198.18.0.0%2F24}, where the client keeps it so).
 */
final class SubnetPaths {
    private SubnetPaths() {}

    static SubnetId parse(String text) throws ApiException {
        String cidr = text.contains("/") ? text : text.replaceFirst("-(\\d{1,2})$", "/$1");
        try {
            Cidr parsed = Cidr.parse(cidr);
            return SubnetId.of(parsed);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(new ApiError.FieldError("subnet", text,
                    "a subnet in CIDR form with '-' for '/' (198.18.0.0-24): " + e.getMessage()));
        }
    }

    static String of(SubnetId id) {
        return id.value().replace('/', '-');
    }
}
