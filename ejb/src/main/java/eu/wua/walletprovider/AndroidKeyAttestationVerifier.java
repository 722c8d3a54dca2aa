package eu.wua.walletprovider;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

import eu.wua.platform.SignatureVerification;
import eu.wua.walletprovider.WalletProviderRejection.Reason;

/**
 * Checks Android key attestation evidence (source.android.com, "Key and ID attestation"): the
 * certificate chain reaches one of the configured attestation roots, the leaf's KeyDescription
 * extension says the key lives in a TEE or StrongBox, and the attested key is the instance key.
 * The attestation challenge is handed back for the caller to match against a nonce it issued.
 */
public final class AndroidKeyAttestationVerifier {

    /** The KeyDescription extension of the attestation certificate. */
    static final String KEY_DESCRIPTION_OID = "1.3.6.1.4.1.11129.2.1.17";
    static final int SOFTWARE = 0;
    static final int TRUSTED_ENVIRONMENT = 1;
    static final int STRONG_BOX = 2;
    private static final int MAX_CHAIN_LENGTH = 8;

    /** What the evidence says once it is checked. */
    public record AndroidKeyAttestation(byte[] challenge, int securityLevel) {
    }

    private final Set<TrustAnchor> roots;

    public AndroidKeyAttestationVerifier(List<X509Certificate> roots) {
        this.roots = roots.stream().map(root -> new TrustAnchor(root, null)).collect(Collectors.toSet());
    }

    /** {@code chain} is leaf first, as Android's KeyStore returns it. */
    public AndroidKeyAttestation verify(List<X509Certificate> chain, PublicKey instanceKey, Instant now) throws WalletProviderRejection {
        requireChainToAttestationRoot(chain, now);
        ASN1Sequence keyDescription = requireKeyDescription(chain.get(0));
        requireHardwareSecurityLevel(keyDescription);
        requireAttestedKeyIsInstanceKey(chain.get(0), instanceKey);
        return new AndroidKeyAttestation(challenge(keyDescription), securityLevel(keyDescription, 1));
    }

    private void requireChainToAttestationRoot(List<X509Certificate> chain, Instant now) throws WalletProviderRejection {
        if (roots.isEmpty()) {
            throw new WalletProviderRejection(Reason.INTEGRITY_NOT_ACCEPTED,
                    "no Android attestation roots are configured (wua.android.attestation-roots)");
        }
        if (chain.isEmpty() || chain.size() > MAX_CHAIN_LENGTH) {
            throw new WalletProviderRejection(Reason.INTEGRITY_MALFORMED, "certificate_chain must hold 1 to " + MAX_CHAIN_LENGTH + " certificates");
        }
        // the chain as sent may end in the root itself; the root is the anchor, not part of the path
        List<X509Certificate> path = chain.stream()
                .filter(certificate -> roots.stream().noneMatch(root -> root.getTrustedCert().equals(certificate))).toList();
        try {
            // Google publishes revocations as a JSON list over the network, which the platform does not reach
            SignatureVerification.validatePath(path, roots, now);
        } catch (GeneralSecurityException e) {
            throw new WalletProviderRejection(Reason.INTEGRITY_CHAIN_UNTRUSTED,
                    "the Android attestation chain does not reach a configured attestation root: " + e.getMessage());
        }
    }

    private static ASN1Sequence requireKeyDescription(X509Certificate leaf) throws WalletProviderRejection {
        byte[] extension = leaf.getExtensionValue(KEY_DESCRIPTION_OID);
        if (extension == null) {
            throw new WalletProviderRejection(Reason.INTEGRITY_MALFORMED, "the leaf certificate has no Android KeyDescription extension");
        }
        try {
            ASN1Primitive value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets());
            ASN1Sequence description = ASN1Sequence.getInstance(value);
            if (description.size() < 8) {
                throw new IllegalArgumentException("KeyDescription has " + description.size() + " fields, not 8");
            }
            return description;
        } catch (IOException | IllegalArgumentException e) {
            throw new WalletProviderRejection(Reason.INTEGRITY_MALFORMED, "the KeyDescription extension cannot be read");
        }
    }

    /** Both the attestation and the key must be in hardware: a TEE or StrongBox, never Software. */
    private static void requireHardwareSecurityLevel(ASN1Sequence keyDescription) throws WalletProviderRejection {
        int attestation = securityLevel(keyDescription, 1);
        int keyMint = securityLevel(keyDescription, 3);
        if (attestation == SOFTWARE || keyMint == SOFTWARE) {
            throw new WalletProviderRejection(Reason.INTEGRITY_SECURITY_LEVEL,
                    "the key is attested at the Software security level; TrustedEnvironment or StrongBox is required");
        }
    }

    private static void requireAttestedKeyIsInstanceKey(X509Certificate leaf, PublicKey instanceKey) throws WalletProviderRejection {
        if (!Arrays.equals(leaf.getPublicKey().getEncoded(), instanceKey.getEncoded())) {
            throw new WalletProviderRejection(Reason.INTEGRITY_KEY_MISMATCH, "the attested key is not instance_key");
        }
    }

    private static int securityLevel(ASN1Sequence keyDescription, int position) throws WalletProviderRejection {
        try {
            int level = ASN1Enumerated.getInstance(keyDescription.getObjectAt(position)).intValueExact();
            if (level != SOFTWARE && level != TRUSTED_ENVIRONMENT && level != STRONG_BOX) {
                throw new IllegalArgumentException("unknown security level " + level);
            }
            return level;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new WalletProviderRejection(Reason.INTEGRITY_MALFORMED, "the KeyDescription's security level cannot be read");
        }
    }

    private static byte[] challenge(ASN1Sequence keyDescription) throws WalletProviderRejection {
        try {
            return ASN1OctetString.getInstance(keyDescription.getObjectAt(4)).getOctets();
        } catch (IllegalArgumentException e) {
            throw new WalletProviderRejection(Reason.INTEGRITY_MALFORMED, "the KeyDescription's attestation challenge cannot be read");
        }
    }
}
