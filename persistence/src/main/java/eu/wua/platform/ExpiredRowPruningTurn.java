package eu.wua.platform;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** When a family of expiring rows is next pruned; the node that moves it forward prunes them this time. */
@Entity
@Table(name = "expired_row_pruning")
public class ExpiredRowPruningTurn {

    @Id
    @Column(name = "rows_name")
    private String rowsName;

    @Column(name = "next_run_at", nullable = false)
    private Instant nextRunAt;

    protected ExpiredRowPruningTurn() {
    }

    public ExpiredRowPruningTurn(String rowsName, Instant nextRunAt) {
        this.rowsName = rowsName;
        this.nextRunAt = nextRunAt;
    }

    public String getRowsName() { return rowsName; }
    public Instant getNextRunAt() { return nextRunAt; }
}
