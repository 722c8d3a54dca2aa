package eu.wua.status;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far one status list is handed out: counter values below {@code nextCounter} are taken
 * (reserved by some node), and each maps to an index through the list's keyed permutation.
 */
@Entity
@Table(name = "status_list_allocation")
public class StatusListAllocation {

    @Id
    @Column(name = "list_id")
    private String listId;

    @Column(name = "list_size", nullable = false)
    private int listSize;

    @Column(name = "next_counter", nullable = false)
    private int nextCounter;

    @Column(name = "permutation_key", nullable = false)
    private String permutationKey;

    protected StatusListAllocation() {
    }

    public StatusListAllocation(String listId, int listSize, String permutationKey) {
        this.listId = listId;
        this.listSize = listSize;
        this.permutationKey = permutationKey;
    }

    public String getListId() { return listId; }
    public int getListSize() { return listSize; }
    public int getNextCounter() { return nextCounter; }
    public String getPermutationKey() { return permutationKey; }

    /** Takes up to {@code wanted} counter values; answers the first, the list is full when none are left. */
    public int reserve(int wanted) {
        int first = nextCounter;
        nextCounter = Math.min(listSize, nextCounter + wanted);
        return first;
    }
}
