package eu.wua.status;

import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A reference to an entry of a Token Status List ({@code {"status_list": {"idx", "uri"}}}, TSL
 * §6.2): a WIA's, a KA's or a credential's. Kept as two columns wherever a row names one (the
 * owning entity names them with {@code @AttributeOverride}).
 */
@Embeddable
public class StatusReference {

    @Column(name = "status_uri")
    private String uri;

    @Column(name = "status_idx")
    private Integer index;

    protected StatusReference() {
    }

    public StatusReference(String uri, int index) {
        this.uri = Objects.requireNonNull(uri);
        this.index = index;
    }

    public String uri() { return uri; }
    public int index() { return index; }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatusReference reference && uri.equals(reference.uri) && index.equals(reference.index);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, index);
    }

    @Override
    public String toString() {
        return uri + "#" + index;
    }
}
