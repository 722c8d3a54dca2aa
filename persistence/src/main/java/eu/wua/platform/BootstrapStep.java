package eu.wua.platform;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A step that runs once in the life of a database; its primary key keeps it to once across nodes. */
@Entity
@Table(name = "bootstrap_step")
public class BootstrapStep {

    @Id
    @Column(name = "step")
    private String step;

    @Column(name = "completed_at", nullable = false)
    private Instant completedAt;

    protected BootstrapStep() {
    }

    public BootstrapStep(String step, Instant completedAt) {
        this.step = step;
        this.completedAt = completedAt;
    }

    public String getStep() {
        return step;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }
}
