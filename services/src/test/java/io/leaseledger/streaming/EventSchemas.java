package io.leaseledger.streaming;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checked-in JSON Schemas ({@code events/src/main/resources/schemas/}), loaded by their
 * {@code $id}s, which map to the classpath.
 */
public final class EventSchemas {
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(r -> r.mapPrefix(EventTypes.SCHEMA_BASE, "classpath:schemas/")));
    private final Map<String, Schema> byId = new ConcurrentHashMap<>();

    /** The schema a record's {@code ce_dataschema} names. */
    Schema schema(String schemaId) {
        return byId.computeIfAbsent(schemaId, id -> registry.getSchema(SchemaLocation.of(id)));
    }

    /** The problems of {@code json} against the schema {@code schemaId}; empty when valid. */
    public List<String> problems(String schemaId, String json) {
        List<Error> errors = schema(schemaId).validate(json, InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
