// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal.rest;

import io.redflag.signing.Signer;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** GET /api/v1/public-key: the key agents pin, and its fingerprint for checking it out of band. */
@Component(service = PublicKeyResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/public-key")
@Produces(MediaType.APPLICATION_JSON)
public final class PublicKeyResource {

    private final Signer signer;

    @Activate
    public PublicKeyResource(@Reference Signer signer) {
        this.signer = signer;
    }

    @GET
    public Map<String, Object> key() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("algorithm", "Ed25519");
        out.put("encoding", "X.509 SubjectPublicKeyInfo, Base64");
        out.put("publicKey", signer.publicKey());
        out.put("keyId", signer.keyId());
        out.put("fingerprint", signer.keyId());
        return out;
    }
}
