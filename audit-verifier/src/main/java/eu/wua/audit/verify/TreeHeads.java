package eu.wua.audit.verify;

import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/** Reads a signed tree head ({@link AuditRecordFormat#TREE_HEAD_TYPE}) that the audit key signed. */
public final class TreeHeads {

    /** A tree head whose signature verified: the log's size and its root then. */
    public record Signed(long treeSize, byte[] rootHash, long issuedAt) {
    }

    /** Not a tree head the audit key signed, and why. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private TreeHeads() {
    }

    public static Signed verified(String compact, PublicKey auditKey) throws Invalid {
        Map<String, Object> claims;
        try {
            JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(compact);
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256"));
            jws.setKey(auditKey);
            if (!AuditRecordFormat.TREE_HEAD_TYPE.equals(jws.getHeader("typ"))) {
                throw new Invalid("its typ is " + jws.getHeader("typ") + ", not " + AuditRecordFormat.TREE_HEAD_TYPE);
            }
            if (!jws.verifySignature()) {
                throw new Invalid("its signature is not the audit key's");
            }
            claims = JsonUtil.parseJson(jws.getPayload());
        } catch (JoseException | ClassCastException e) {
            throw new Invalid("it is not a compact ES256 JWS (" + e.getMessage() + ")");
        }
        if (!(claims.get("tree_size") instanceof Number size) || size.longValue() < 0 || !(claims.get("root_hash") instanceof String root)
                || !root.matches("[0-9a-f]{64}") || !(claims.get("iat") instanceof Number issuedAt)) {
            throw new Invalid("it lacks tree_size, root_hash or iat");
        }
        return new Signed(size.longValue(), HexFormat.of().parseHex(root), issuedAt.longValue());
    }
}
