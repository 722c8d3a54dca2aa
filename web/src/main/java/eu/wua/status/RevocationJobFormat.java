package eu.wua.status;

import static eu.wua.platform.JsonFactory.JSON;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** A revocation cascade's job as the administration API shows it (platform-api.md): what it revokes and how far it got. */
public final class RevocationJobFormat {

    private RevocationJobFormat() {
    }

    public static JsonObjectBuilder json(RevocationJob job) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("id", job.getId()).add("kind", job.getKind().name())
                .add("target", job.getTarget()).add("state", job.getState().name().toLowerCase())
                .add("total", job.getTotal() == null ? 0 : job.getTotal()).add("processed", job.getProcessed())
                .add("revoked", job.getRevoked()).add("created_at", job.getCreatedAt().toString());
        if (job.getFinishedAt() != null) {
            json.add("finished_at", job.getFinishedAt().toString());
        }
        if (job.getLeaseOwner() != null) {
            // which node works it, and until when its claim holds without progress
            json.add("lease_owner", job.getLeaseOwner()).add("lease_until", job.getLeaseUntil().toString());
        }
        return json;
    }

    /** The job, or JSON null when nothing was started (it had been withdrawn or revoked before). */
    public static JsonValue jsonOrNull(RevocationJob job) {
        return job == null ? JsonValue.NULL : json(job).build();
    }
}
