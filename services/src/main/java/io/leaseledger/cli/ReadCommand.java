package io.leaseledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What the read commands share: the API client options, output to picocli's streams, and exit
 * codes (0 done, 1 nothing found, 2 bad arguments or refused, 3 API unreachable).
 */
abstract class ReadCommand implements Callable<Integer> {
    @Mixin
    ApiClient api = new ApiClient();

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (ApiClient.Failure e) {
            err().println(e.getMessage());
            err().flush();
            return e.exitCode;
        } finally {
            out().flush();
        }
    }

    abstract int run() throws ApiClient.Failure;

    /** {@code --json}: the API's answer as it came; otherwise the command's table. */
    boolean printedJson(JsonNode answer) {
        if (api.json) {
            out().println(ApiClient.pretty(answer));
            return true;
        }
        return false;
    }

    void print(Table table) {
        table.print(out());
    }

    /** A listing's items, and whether pages were left unread. */
    record Listing(ArrayNode items, boolean more) {
    }

    /**
     * The listing at {@code path} with {@code query}: its first page of {@code limit} items, or with
     * {@code all} every page, following the API's cursors.
     */
    Listing listing(String path, Map<String, Object> query, int limit, boolean all) throws ApiClient.Failure {
        ArrayNode items = ApiClient.JSON.createArrayNode();
        Map<String, Object> page = new LinkedHashMap<>(query);
        page.put("limit", limit);
        String next;
        do {
            JsonNode answer = api.get(path, page);
            items.addAll((ArrayNode) answer.get("items"));
            next = answer.get("nextCursor").isNull() ? null : answer.get("nextCursor").asText();
            page.put("cursor", next);
        } while (all && next != null);
        return new Listing(items, next != null);
    }
}
