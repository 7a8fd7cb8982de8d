// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.artifacts.UnknownArtifactException;
import io.redflag.signing.Signer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * /api/v1/install: what an operator pastes on a host to install the agent. {@code agent.sh} is the installer, made out
 * for this server (its URL, and the fingerprint of its key so that the agent pins the right one); {@code files/…} are
 * the agent jar and its service files, as the server's distribution carries them (unpacked into
 * {@code <data dir>/install} at start), with {@code SHA256SUMS} over them. Public: nothing here is secret; the
 * registration token stays on the operator's command line.
 */
@Component(service = InstallResource.class, configurationPid = "io.redflag.server", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = InstallResource.Config.class)
@JaxrsResource
@Path("api/v1/install")
public final class InstallResource {

    @ObjectClassDefinition(name = "RedFlag server")
    public @interface Config {
        String data_dir();

        /** The URL agents reach this server at, when it is not the one the installer was fetched from (a proxy). */
        String public_url() default "";
    }

    /** What the installer downloads, in this order. */
    static final List<String> FILES = List.of("redflag-agent.jar", "jvm.options", "redflag-agent.service", "monitor.conf",
            "redflag-agent");
    private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    private final java.nio.file.Path dir;
    private final String publicUrl;
    private final Signer signer;
    private final String template;
    private final Map<String, String> hashes = new ConcurrentHashMap<>();

    @Activate
    public InstallResource(Config config, @Reference Signer signer) throws IOException {
        this.dir = java.nio.file.Path.of(config.data_dir()).resolve("install");
        this.publicUrl = config.public_url() == null ? "" : config.public_url().replaceAll("/+$", "");
        this.signer = signer;
        try (InputStream in = InstallResource.class.getResourceAsStream("install-agent.sh")) {
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @GET
    @Path("agent.sh")
    @PublicRoute
    @Produces("text/x-shellscript")
    public Response installer(@Context UriInfo uri) {
        String server = publicUrl.isEmpty() ? base(uri.getBaseUri()) : publicUrl;
        if (!URL.matcher(server).matches()) {
            throw new javax.ws.rs.WebApplicationException(ErrorBodies.of(400, "bad_request", "this server's address cannot "
                    + "be written into an installer; start it with -Dredflag.public.url=https://its.name"));
        }
        String script = template.replace("@SERVER@", server).replace("@FINGERPRINT@", signer.keyId());
        return Response.ok(script).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("files/{name}")
    @PublicRoute
    @Produces({"application/octet-stream", "text/plain"})
    @Answers(refusals = {404, 416})
    public Response file(@PathParam("name") String name, @Context HttpHeaders request) {
        if (name.equals("SHA256SUMS")) {
            StringBuilder sums = new StringBuilder();
            for (String f : FILES) {
                sums.append(sha256(f)).append("  ").append(f).append('\n');
            }
            return Response.ok(sums.toString(), "text/plain").build();
        }
        if (!FILES.contains(name)) {
            throw new UnknownArtifactException("no install file " + name + " (there are " + String.join(", ", FILES) + ")");
        }
        java.nio.file.Path f = existing(name);
        try {
            return RangedFile.of(f, Files.size(f), sha256(name), "application/octet-stream", name, request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private java.nio.file.Path existing(String name) {
        java.nio.file.Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new UnknownArtifactException("this server carries no agent to install (" + f + " is missing): it was "
                    + "started from classes, not from redflag-server.jar");
        }
        return f;
    }

    private String sha256(String name) {
        java.nio.file.Path f = existing(name);
        try {
            String key = name + "@" + Files.getLastModifiedTime(f).toMillis() + "@" + Files.size(f);
            return hashes.computeIfAbsent(key, k -> hash(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(java.nio.file.Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0;) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** scheme://host[:port] of the URL the installer was asked for. */
    private static String base(URI u) {
        return u.getScheme() + "://" + u.getRawAuthority();
    }
}
