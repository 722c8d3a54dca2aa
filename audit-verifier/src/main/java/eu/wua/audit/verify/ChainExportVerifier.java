package eu.wua.audit.verify;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import eu.wua.audit.verify.AuditExportVerifier.Result;

/**
 * Exports written before the Merkle log (no format line): every record's hash, the chain from
 * record to record, and every checkpoint's signature and its match with the record it names; the
 * last record must be covered. Kept so that a compliance officer's earlier exports still verify.
 */
final class ChainExportVerifier {

    private ChainExportVerifier() {
    }

    static Result verify(List<String> lines, PublicKey auditKey) {
        Map<Long, String> hashes = new HashMap<>();
        List<String> checkpoints = new ArrayList<>();
        Long previousSeq = null;
        String previousHash = null;
        long lastSeq = -1;
        int records = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            Map<String, Object> entry;
            try {
                entry = JsonUtil.parseJson(line);
            } catch (JoseException e) {
                return Result.broken(previousSeq == null ? null : previousSeq + 1, "line " + (n + 1) + " is not JSON", records, 0);
            }
            if (entry.get("checkpoint") instanceof String jws) {
                checkpoints.add(jws);
                continue;
            }
            if (!(entry.get("seq") instanceof Number number) || !(entry.get("hash") instanceof String hash)
                    || !(entry.get("previous_hash") instanceof String claimedPrevious)) {
                return Result.broken(previousSeq == null ? null : previousSeq + 1, "line " + (n + 1) + " is not an audit record", records, 0);
            }
            long seq = number.longValue();
            if (!hash.equals(AuditRecordFormat.hash(entry))) {
                return Result.broken(seq, "the record's content does not match its hash: it was altered", records, 0);
            }
            if (previousSeq == null && seq == 1 && !AuditRecordFormat.GENESIS.equals(claimedPrevious)) {
                return Result.broken(seq, "the first record does not start the chain", records, 0);
            }
            if (previousSeq != null && seq != previousSeq + 1) {
                return Result.broken(previousSeq + 1, "record " + (previousSeq + 1) + " is missing or out of order (the next is " + seq + ")",
                        records, 0);
            }
            if (previousHash != null && !previousHash.equals(claimedPrevious)) {
                return Result.broken(seq, "the record does not follow record " + previousSeq + " (previous_hash differs): the chain is broken",
                        records, 0);
            }
            hashes.put(seq, hash);
            previousSeq = seq;
            previousHash = hash;
            lastSeq = seq;
            records++;
        }
        boolean lastCovered = records == 0;
        for (String jws : checkpoints) {
            Map<String, Object> claims;
            try {
                claims = verifiedCheckpoint(jws, auditKey);
            } catch (JoseException | ClassCastException e) {
                return Result.broken(null, "a checkpoint's signature does not verify with the audit certificate", records, 0);
            }
            long seq = ((Number) claims.get("seq")).longValue();
            String recorded = hashes.get(seq);
            if (recorded != null && !recorded.equals(claims.get("hash"))) {
                return Result.broken(seq, "the signed checkpoint names another hash for this record: the trail was rewritten", records, 0);
            }
            lastCovered |= seq == lastSeq && recorded != null;
        }
        if (!lastCovered) {
            return Result.broken(lastSeq, "no signed checkpoint covers the last record", records, checkpoints.size());
        }
        return new Result(true, null, null, records, checkpoints.size());
    }

    private static Map<String, Object> verifiedCheckpoint(String compact, PublicKey key) throws JoseException {
        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(compact);
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256"));
        jws.setKey(key);
        if (!AuditRecordFormat.CHECKPOINT_TYPE.equals(jws.getHeader("typ")) || !jws.verifySignature()) {
            throw new JoseException("checkpoint signature");
        }
        return JsonUtil.parseJson(jws.getPayload());
    }
}
