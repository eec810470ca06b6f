package io.leaseledger.config;

import io.leaseledger.wire.reply.OptionSnippet;

import java.util.HexFormat;

final class ConfigurationTestSupport {

    private ConfigurationTestSupport() {}

    static String describe(OptionSnippet s) {
        return s.code() + "=" + HexFormat.of().formatHex(s.value());
    }
}
