// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.PublicKeyDTO;
import io.redflag.protocol.Routes;
import io.redflag.signing.Signer;
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
@Path(Routes.PUBLIC_KEY)
@Produces(MediaType.APPLICATION_JSON)
public final class PublicKeyResource {

    private final Signer signer;

    @Activate
    public PublicKeyResource(@Reference Signer signer) {
        this.signer = signer;
    }

    @GET
    @PublicRoute
    public PublicKeyDTO key() {
        PublicKeyDTO k = new PublicKeyDTO();
        k.algorithm = "Ed25519";
        k.encoding = "X.509 SubjectPublicKeyInfo, Base64";
        k.publicKey = signer.publicKey();
        k.keyId = signer.keyId();
        k.fingerprint = signer.keyId();
        return k;
    }
}
