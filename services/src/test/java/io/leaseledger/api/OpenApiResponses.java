package io.leaseledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The response schemas of an OpenAPI 3.0 document, to check what a running server answers.
 *
 * <p>Schemas are validated with the validator's OpenAPI 3.0 dialect ({@link Dialects#getOpenApi30()}:
 * draft 4 plus {@code nullable}, formats such as {@code date-time} asserted), the document's
 * {@code components} beside each schema so that its {@code #/components/...} references resolve.
 *
 * <p>Stricter than the document says, on purpose: an object schema that lists {@code properties}
 * is read as closed (no {@code additionalProperties} given → none allowed) and, when it has no
 * {@code required} list, as requiring every listed property (a {@code nullable} one may be null).
 * So a field the server sends that the document does not list, or one the document lists that
 * the server leaves out, is a mismatch. The document's request schemas are never used here.
 */
final class OpenApiResponses {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode document;

    private OpenApiResponses(JsonNode document) {
        this.document = document;
        closeObjects(document.get("components"));
        closeObjects(document.get("paths"));
    }

    /** The document as served (YAML). */
    static OpenApiResponses parse(String yaml) throws IOException {
        return new OpenApiResponses(YAML.readTree(yaml));
    }

    /** The GET operations the document lists, as their path templates. */
    List<String> getPaths() {
        List<String> out = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(e -> {
            if (e.getValue().has("get")) {
                out.add(e.getKey());
            }
        });
        return out;
    }

    /**
     * The response object the document declares for {@code method path} and {@code status}
     * ({@code $ref} into components/responses followed); null when it declares none.
     */
    JsonNode response(String method, String path, int status) {
        JsonNode op = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
            throw new IllegalArgumentException("the document has no " + method + " " + path);
        }
        JsonNode response = op.path("responses").get(Integer.toString(status));
        return response == null ? null : resolve(response);
    }

    /** A response of components/responses by name. */
    JsonNode componentResponse(String name) {
        return document.path("components").path("responses").get(name);
    }

    /**
     * What is wrong with {@code reply} as the answer {@code response} declares: its media type (the
     * Content-Type's, parameters aside) among the declared content, and its body valid against
     * that content's schema when JSON. Empty when it matches.
     */
    List<String> problems(JsonNode response, ApiNode.Reply reply) {
        if (response == null) {
            return List.of("status " + reply.status() + " is not documented");
        }
        JsonNode content = response.get("content");
        if (content == null) {
            return reply.body().isEmpty() ? List.of() : List.of("a body where the document declares none: " + reply.body());
        }
        String mediaType = reply.raw().headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        JsonNode media = content.get(mediaType);
        if (media == null) {
            return List.of("Content-Type " + mediaType + " where the document declares " + fieldNames(content));
        }
        if (!mediaType.equals("application/json")) {
            return List.of(); // text (YAML, Prometheus): the document says only {type: string}
        }
        ObjectNode schema = YAML.createObjectNode();
        schema.putArray("allOf").add(media.get("schema"));
        schema.set("components", document.get("components"));
        Schema validator = SchemaRegistry.withDialect(Dialects.getOpenApi30()).getSchema(schema);
        return validator.validate(reply.body(), InputFormat.JSON).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String pointer = ref.asText();
        if (!pointer.startsWith("#/")) {
            throw new IllegalArgumentException("only references inside the document: " + pointer);
        }
        JsonNode target = document.at(pointer.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("dangling reference " + pointer);
        }
        return resolve(target);
    }

    /** The strictness of the class comment, on every object schema with properties under {@code node}. */
    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode properties = object.get("properties");
            if ("object".equals(object.path("type").asText()) && properties instanceof ObjectNode listed) {
                if (!object.has("additionalProperties")) {
                    object.put("additionalProperties", false);
                }
                if (!object.has("required") && !listed.isEmpty()) {
                    ArrayNode required = object.putArray("required");
                    listed.fieldNames().forEachRemaining(required::add);
                }
            }
        }
        if (node != null && node.isContainerNode()) {
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                closeObjects(children.next());
            }
        }
    }
}
