package dev.baton.webapp.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Baton's OpenAPI description read into what the hostile-input test needs: each operation's method, path, parameters
 * and request bodies (media type to schema, references resolved), and a plausible value for any schema. Nothing here
 * knows an endpoint by name: what the description says is what is walked.
 */
final class ApiDescription {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;
    private final List<Operation> operations = new ArrayList<>();

    ApiDescription(String json) {
        this.root = JsonMapper.builder().build().readTree(json);
        for (var path : root.path("paths").properties()) {
            for (var entry : path.getValue().properties()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                JsonNode op = entry.getValue();
                List<Param> params = new ArrayList<>();
                for (JsonNode p : concat(path.getValue().path("parameters"), op.path("parameters"))) {
                    JsonNode param = resolve(p);
                    params.add(new Param(param.path("name").asString(), param.path("in").asString(),
                            resolve(param.path("schema")), param.path("required").asBoolean(false)));
                }
                Map<String, JsonNode> bodies = new LinkedHashMap<>();
                for (var content : resolve(op.path("requestBody")).path("content").properties()) {
                    bodies.put(content.getKey(), resolve(content.getValue().path("schema")));
                }
                operations.add(new Operation(entry.getKey().toUpperCase(), path.getKey(), params, bodies));
            }
        }
    }

    List<Operation> operations() {
        return operations;
    }

    /** The schema itself, or the one its {@code $ref} names. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 16 && current.has("$ref"); i++) {
            String ref = current.path("$ref").asString();
            JsonNode target = root;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            current = target;
        }
        return current;
    }

    /** The schema's properties, name to schema (references resolved, composed schemas merged). */
    Map<String, JsonNode> properties(JsonNode schema) {
        JsonNode s = resolve(schema);
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        for (JsonNode part : concat(s.path("allOf"), NODES.arrayNode())) {
            properties.putAll(properties(part));
        }
        for (var p : s.path("properties").properties()) {
            properties.put(p.getKey(), resolve(p.getValue()));
        }
        return properties;
    }

    /** The schema's type as OpenAPI 3.1 or 3.0 states it ({@code type: [string, "null"]} or {@code type: string}). */
    String type(JsonNode schema) {
        JsonNode s = resolve(schema);
        JsonNode type = s.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        if (s.has("properties") || s.has("allOf")) {
            return "object";
        }
        if (s.has("items")) {
            return "array";
        }
        if (s.has("oneOf") || s.has("anyOf")) {
            JsonNode first = s.has("oneOf") ? s.path("oneOf").get(0) : s.path("anyOf").get(0);
            return type(first);
        }
        return "string";
    }

    /**
     * A plausible value for the schema: the first enumerated value, a well-formed id, date or address, or a number
     * inside its bounds. Numbers and ids name nothing that exists (ids are far beyond any row the tests make), so a
     * plausible request never changes anything that belongs to another test.
     */
    JsonNode plausible(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        if (s.has("enum") && !s.path("enum").isEmpty()) {
            return s.path("enum").get(0);
        }
        if (s.has("default") && !s.path("default").isNull()) {
            return s.path("default");
        }
        switch (type(s)) {
            case "integer" -> {
                return NODES.numberNode(s.has("minimum") ? s.path("minimum").asLong()
                        : s.has("maximum") ? s.path("maximum").asLong() : 999_999_999L);
            }
            case "number" -> {
                return NODES.numberNode(s.has("minimum") ? s.path("minimum").asDouble() : 1.5);
            }
            case "boolean" -> {
                return NODES.booleanNode(false);
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (s.path("minItems").asInt(0) > 0 && depth < 4) {
                    array.add(plausible(s.path("items"), depth + 1));
                }
                return array;
            }
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    properties(s).forEach((name, p) -> object.set(name, plausible(p, depth + 1)));
                }
                return object;
            }
            default -> {
                return NODES.stringNode(plausibleString(s));
            }
        }
    }

    private static String plausibleString(JsonNode s) {
        String format = s.path("format").asString("");
        return switch (format) {
            case "uuid" -> "00000000-0000-0000-0000-000000000000";
            case "date" -> "2026-01-01";
            case "date-time" -> "2026-01-01T00:00:00Z";
            case "email" -> "fuzz@example.com";
            case "uri", "url" -> "https://example.com/fuzz";
            case "int64", "int32" -> "999999999";
            default -> "fuzz";
        };
    }

    private static List<JsonNode> concat(JsonNode a, JsonNode b) {
        List<JsonNode> all = new ArrayList<>();
        a.forEach(all::add);
        b.forEach(all::add);
        return all;
    }

    record Param(String name, String in, JsonNode schema, boolean required) {}

    record Operation(String method, String path, List<Param> params, Map<String, JsonNode> bodies) {

        List<Param> params(String in) {
            return params.stream().filter(p -> p.in().equals(in)).toList();
        }

        JsonNode jsonSchema() {
            for (var body : bodies.entrySet()) {
                if (body.getKey().contains("json")) {
                    return body.getValue();
                }
            }
            return null;
        }

        boolean multipart() {
            return bodies.keySet().stream().anyMatch(type -> type.startsWith("multipart/"));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
