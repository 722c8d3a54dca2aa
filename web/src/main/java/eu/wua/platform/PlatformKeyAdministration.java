package eu.wua.platform;

import java.io.InputStream;
import java.security.cert.CertificateException;
import java.util.Arrays;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import eu.wua.wscd.WscdException;

/**
 * The platform keys' certificates, for a PID provider whose CA is operated elsewhere: export a
 * key's CSR, have the CA sign it, import the chain. Keys are named by their label
 * ({@code issuer-ca}, {@code credential-signing}, ...).
 */
@Path("admin/v1/platform-keys/{key}")
@Stateless
@RolesAllowed("administrator")
public class PlatformKeyAdministration {

    static final String PKCS10 = "application/pkcs10";
    static final String PEM_CHAIN = "application/pem-certificate-chain";

    @Inject
    private PlatformKeys platformKeys;

    @GET
    @Path("csr")
    @Produces(PKCS10)
    public Response certificationRequest(@PathParam("key") String key) throws WscdException {
        Optional<PlatformKeyPurpose> purpose = purpose(key);
        if (purpose.isEmpty()) {
            return unknown(key);
        }
        return Response.ok(platformKeys.certificationRequest(purpose.get()), PKCS10)
                .header("Content-Disposition", "attachment; filename=\"" + key + ".csr\"").build();
    }

    @GET
    @Path("certificate-chain")
    @Produces(PEM_CHAIN)
    public Response certificateChain(@PathParam("key") String key) {
        Optional<PlatformKeyPurpose> purpose = purpose(key);
        if (purpose.isEmpty()) {
            return unknown(key);
        }
        return Response.ok(PemCertificates.encode(platformKeys.certificateChain(purpose.get())), PEM_CHAIN).build();
    }

    /** Replaces the key's chain (PEM, leaf first); the leaf must certify the key the WSCD holds. */
    @PUT
    @Path("certificate-chain")
    @Consumes({PEM_CHAIN, "application/x-pem-file", "text/plain"})
    public Response importCertificateChain(@PathParam("key") String key, InputStream body) throws WscdException {
        Optional<PlatformKeyPurpose> purpose = purpose(key);
        if (purpose.isEmpty()) {
            return unknown(key);
        }
        try {
            platformKeys.importCertificateChain(purpose.get(), AdministrationRefusal.textBody(body));
        } catch (CertificateException e) {
            return AdministrationError.INVALID_REQUEST.answer("the certificate chain was not accepted: " + e.getMessage());
        }
        return Response.noContent().build();
    }

    private static Optional<PlatformKeyPurpose> purpose(String label) {
        return Arrays.stream(PlatformKeyPurpose.values()).filter(p -> p.label().equals(label)).findFirst();
    }

    private static Response unknown(String key) {
        return AdministrationError.UNKNOWN_PLATFORM_KEY.answer("no platform key '" + key
                + "'; the keys are " + String.join(", ", Arrays.stream(PlatformKeyPurpose.values()).map(PlatformKeyPurpose::label).toList()));
    }
}
