package eu.wua.status;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One allocated index of a Token Status List and what it stands for. */
@Entity
@Table(name = "status_list_entry")
public class StatusListEntry {

    /** Status values of the Token Status List: 0 valid, 1 invalid, 2 suspended. */
    public static final short VALID = 0;
    public static final short INVALID = 1;
    public static final short SUSPENDED = 2;

    @Embeddable
    public static class Position implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "list_id")
        private String listId;

        @Column(name = "idx")
        private int index;

        protected Position() {
        }

        public Position(String listId, int index) {
            this.listId = listId;
            this.index = index;
        }

        public String listId() { return listId; }
        public int index() { return index; }

        @Override
        public boolean equals(Object other) {
            return other instanceof Position p && index == p.index && Objects.equals(listId, p.listId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(listId, index);
        }
    }

    @EmbeddedId
    private Position position;

    @Column(name = "status", nullable = false)
    private short status;

    @Column(name = "subject_type", nullable = false)
    private String subjectType;

    @Column(name = "subject_id", nullable = false)
    private String subjectId;

    @Column(name = "allocated_at", nullable = false)
    private Instant allocatedAt;

    protected StatusListEntry() {
    }

    public StatusListEntry(String listId, int index, String subjectType, String subjectId, Instant allocatedAt) {
        this.position = new Position(listId, index);
        this.status = VALID;
        this.subjectType = subjectType;
        this.subjectId = subjectId;
        this.allocatedAt = allocatedAt;
    }

    public Position getPosition() { return position; }
    public short getStatus() { return status; }
    public void setStatus(short status) { this.status = status; }
    public String getSubjectType() { return subjectType; }
    public String getSubjectId() { return subjectId; }
    public Instant getAllocatedAt() { return allocatedAt; }
}
