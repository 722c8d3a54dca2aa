package eu.wua.audit;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The hash of a perfect subtree of the audit log above the leaves: leaves {@code [index·2^level, (index+1)·2^level)}. Written once. */
@Entity
@Table(name = "audit_tree_node")
public class AuditTreeNode {

    @Embeddable
    public static class Position implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "tree_level")
        private int level;

        @Column(name = "tree_index")
        private long index;

        protected Position() {
        }

        public Position(int level, long index) {
            this.level = level;
            this.index = index;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Position position && level == position.level && index == position.index;
        }

        @Override
        public int hashCode() {
            return Objects.hash(level, index);
        }
    }

    @EmbeddedId
    private Position position;

    @Column(name = "hash", nullable = false)
    private String hash;

    protected AuditTreeNode() {
    }

    public AuditTreeNode(int level, long index, String hash) {
        this.position = new Position(level, index);
        this.hash = hash;
    }

    public String getHash() { return hash; }
}
