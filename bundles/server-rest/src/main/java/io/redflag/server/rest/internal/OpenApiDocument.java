// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.protocol.ErrorDTO;
import io.redflag.protocol.ProtocolHeaders;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * The OpenAPI 3 document of the API, generated from the resource classes themselves: their paths, HTTP
 * methods and parameters, their typed bodies (protocol DTOs, described from their public fields), their
 * access rule (which security scheme, which refusals) and {@link Answers}. Nothing is written by hand, so
 * the document cannot drift from the routes.
 */
final class OpenApiDocument {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<Integer, String> REFUSALS = Map.of(
            400, "the request breaks a rule; `detail` names the field",
            401, "no credential, or one that is unknown, expired or revoked",
            403, "the credential may not do this (another agent, another machine, viewer role)",
            404, "no such agent, command, subsystem or artifact",
            409, "conflicts with what is there (an open command of its kind, a machine id bound to another key, a downgrade,"
                    + " a published version with other bytes)",
            413, "body over 8 MiB (a bundle: over the repository's limit, 64 MiB by default)",
            416, "the range asked for is outside the file; `Content-Range` gives its length",
            429, "too many requests from this address, agent or token; retry after `Retry-After` seconds",
            503, "the database is unavailable; retry after `Retry-After` seconds");

    private final ObjectNode schemas = NODES.objectNode();

    private OpenApiDocument() {}

    static ObjectNode describe(Collection<Class<?>> resources, String version) {
        return new OpenApiDocument().document(resources, version);
    }

    private ObjectNode document(Collection<Class<?>> resources, String version) {
        ObjectNode doc = NODES.objectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "RedFlag API");
        info.put("version", version == null ? "unknown" : version);
        info.put("description", "Pull-based update management. Agents call the agent routes; operators everything else. "
                + "Readers are tolerant: unknown fields are ignored and unknown enum constants read as `unknown`.");
        ObjectNode paths = doc.putObject("paths");
        Map<String, ObjectNode> byPath = new TreeMap<>();
        List<Class<?>> sorted = resources.stream().sorted(Comparator.comparing(Class::getName)).toList();
        for (Class<?> resource : sorted) {
            Path root = resource.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method m : resource.getMethods()) {
                String verb = verb(m);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = "/" + trim(root.value()) + (sub == null ? "" : "/" + trim(sub.value()));
                byPath.computeIfAbsent(path, p -> NODES.objectNode()).set(verb, operation(resource, m));
            }
        }
        byPath.forEach(paths::set);
        ObjectNode components = doc.putObject("components");
        schema(ErrorDTO.class);
        components.set("schemas", sortedCopy(schemas));
        ObjectNode security = components.putObject("securitySchemes");
        security.set("operatorToken", bearer("An operator token (rfo_…), from POST /api/v1/registration-tokens' first admin "
                + "or <data-dir>/initial-operator-token."));
        security.set("agentToken", bearer("The agent's access token (JWT, 15 min), presented with its machine id in "
                + ProtocolHeaders.MACHINE_ID + "."));
        return doc;
    }

    private static ObjectNode bearer(String description) {
        ObjectNode s = NODES.objectNode();
        s.put("type", "http");
        s.put("scheme", "bearer");
        s.put("description", description);
        return s;
    }

    private ObjectNode operation(Class<?> resource, Method m) {
        ObjectNode op = NODES.objectNode();
        op.put("operationId", resource.getSimpleName().replace("Resource", "") + "." + m.getName());
        op.putArray("tags").add(resource.getSimpleName().replace("Resource", "").toLowerCase(java.util.Locale.ROOT));
        boolean isPublic = has(m, PublicRoute.class);
        boolean isAgent = has(m, AgentRoute.class);
        if (!isPublic) {
            op.putArray("security").addObject().putArray(isAgent ? "agentToken" : "operatorToken");
        }
        ArrayNode params = NODES.arrayNode();
        Type body = null;
        boolean hasPathParam = false;
        for (Parameter p : m.getParameters()) {
            if (p.isAnnotationPresent(Context.class)) {
                continue;
            }
            String in = p.isAnnotationPresent(PathParam.class) ? "path" : p.isAnnotationPresent(QueryParam.class) ? "query"
                    : p.isAnnotationPresent(HeaderParam.class) ? "header" : null;
            if (in == null) {
                body = p.getParameterizedType();
                continue;
            }
            hasPathParam |= in.equals("path");
            ObjectNode param = params.addObject();
            param.put("name", in.equals("path") ? p.getAnnotation(PathParam.class).value()
                    : in.equals("query") ? p.getAnnotation(QueryParam.class).value() : p.getAnnotation(HeaderParam.class).value());
            param.put("in", in);
            param.put("required", !in.equals("query"));
            param.set("schema", schemaOf(p.getParameterizedType()));
        }
        if (isAgent) {
            ObjectNode machine = params.addObject();
            machine.put("name", ProtocolHeaders.MACHINE_ID);
            machine.put("in", "header");
            machine.put("required", true);
            machine.putObject("schema").put("type", "string");
        }
        if (!params.isEmpty()) {
            op.set("parameters", params);
        }
        Answers declared = m.getAnnotation(Answers.class);
        if (body == byte[].class && declared != null && declared.request() != Void.class) {
            body = declared.request();
        }
        if (body == java.io.InputStream.class) { // bytes, not JSON: a bundle's jar
            ObjectNode content = op.putObject("requestBody").putObject("content");
            for (String type : m.getAnnotation(javax.ws.rs.Consumes.class).value()) {
                content.putObject(type).putObject("schema").put("type", "string").put("format", "binary");
            }
        } else if (body != null) {
            ObjectNode rb = op.putObject("requestBody");
            rb.putObject("content").putObject("application/json").set("schema", schemaOf(body));
        }
        Answers answers = m.getAnnotation(Answers.class);
        ObjectNode responses = op.putObject("responses");
        int status = answers == null ? 200 : answers.status();
        Type answer = answers == null || answers.body() == Void.class ? m.getGenericReturnType() : answers.body();
        ObjectNode ok = responses.putObject(String.valueOf(status));
        ok.put("description", status == 201 ? "created" : status == 202 ? "accepted" : status == 204 ? "done, no content" : "OK");
        javax.ws.rs.Produces produces = m.getAnnotation(javax.ws.rs.Produces.class);
        if (answer != void.class && answer != Response.class) {
            ok.putObject("content").putObject("application/json").set("schema", schemaOf(answer));
        } else if (produces != null && !produces.value()[0].equals(MediaType.APPLICATION_JSON)) { // bytes: a file
            ok.putObject("content").putObject(produces.value()[0]).putObject("schema").put("type", "string").put("format", "binary");
        }
        TreeSet<Integer> refusals = new TreeSet<>();
        if (body != null || !params.isEmpty()) {
            refusals.add(400);
        }
        if (body != null) {
            refusals.add(413);
        }
        if (!isPublic) {
            refusals.add(401);
            refusals.add(403);
        }
        if (hasPathParam && !isAgent) {
            refusals.add(404);
        }
        refusals.add(429);
        refusals.add(503);
        if (answers != null) {
            for (int r : answers.refusals()) {
                refusals.add(r);
            }
        }
        for (int r : refusals) {
            ObjectNode refusal = responses.putObject(String.valueOf(r));
            refusal.put("description", REFUSALS.getOrDefault(r, "refused"));
            refusal.putObject("content").putObject("application/json").set("schema", ref(ErrorDTO.class));
        }
        return op;
    }

    private ObjectNode schemaOf(Type type) {
        if (type instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode s = NODES.objectNode();
                s.put("type", "array");
                s.set("items", schemaOf(pt.getActualTypeArguments()[0]));
                return s;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode s = NODES.objectNode();
                s.put("type", "object");
                s.set("additionalProperties", schemaOf(pt.getActualTypeArguments()[1]));
                return s;
            }
            return schemaOf(raw);
        }
        Class<?> c = (Class<?>) type;
        ObjectNode s = NODES.objectNode();
        if (c == String.class) {
            s.put("type", "string");
        } else if (c == int.class || c == Integer.class) {
            s.put("type", "integer");
            s.put("format", "int32");
        } else if (c == long.class || c == Long.class) {
            s.put("type", "integer");
            s.put("format", "int64");
        } else if (c == boolean.class || c == Boolean.class) {
            s.put("type", "boolean");
        } else if (c == double.class || c == Double.class) {
            s.put("type", "number");
        } else if (c.isEnum()) {
            s.put("type", "string");
            ArrayNode values = s.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(constant.toString());
            }
        } else if (c == Object.class || c.getName().startsWith("com.fasterxml.jackson")) {
            s.put("type", "object");
        } else {
            return ref(c);
        }
        return s;
    }

    private ObjectNode ref(Class<?> dto) {
        schema(dto);
        ObjectNode r = NODES.objectNode();
        r.put("$ref", "#/components/schemas/" + dto.getSimpleName());
        return r;
    }

    /** A DTO's schema: its public instance fields, in declaration order. */
    private void schema(Class<?> dto) {
        if (schemas.has(dto.getSimpleName())) {
            return;
        }
        ObjectNode s = schemas.putObject(dto.getSimpleName());
        s.put("type", "object");
        ObjectNode props = s.putObject("properties");
        for (Field f : dto.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                props.set(f.getName(), schemaOf(f.getGenericType()));
            }
        }
    }

    private static ObjectNode sortedCopy(ObjectNode o) {
        ObjectNode out = NODES.objectNode();
        new TreeMap<>(o.properties().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .forEach(out::set);
        return out;
    }

    private static String verb(Method m) {
        return m.isAnnotationPresent(GET.class) ? "get" : m.isAnnotationPresent(POST.class) ? "post"
                : m.isAnnotationPresent(PUT.class) ? "put" : m.isAnnotationPresent(DELETE.class) ? "delete" : null;
    }

    private static boolean has(Method m, Class<? extends Annotation> a) {
        return m.isAnnotationPresent(a) || m.getDeclaringClass().isAnnotationPresent(a);
    }

    private static String trim(String p) {
        String t = p.startsWith("/") ? p.substring(1) : p;
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }
}
