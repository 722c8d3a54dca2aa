package eu.wua.trust;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A CA certificate (PEM) of a trusted Wallet Provider: where its attestation chains must end. */
@Entity
@Table(name = "trust_anchor")
public class TrustAnchor {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "wallet_provider_id")
    private TrustedWalletProvider walletProvider;

    @Column(name = "subject", nullable = false)
    private String subject;

    @Column(name = "sha256_fingerprint", nullable = false)
    private String sha256Fingerprint;

    @Column(name = "not_after", nullable = false)
    private Instant notAfter;

    @Column(name = "certificate", nullable = false, length = 16000)
    private String certificate;

    protected TrustAnchor() {
    }

    public TrustAnchor(String subject, String sha256Fingerprint, Instant notAfter, String certificatePem) {
        this.subject = subject;
        this.sha256Fingerprint = sha256Fingerprint;
        this.notAfter = notAfter;
        this.certificate = certificatePem;
    }

    void attachTo(TrustedWalletProvider provider) {
        this.walletProvider = provider;
    }

    public Long getId() { return id; }
    public TrustedWalletProvider getWalletProvider() { return walletProvider; }
    public String getSubject() { return subject; }
    public String getSha256Fingerprint() { return sha256Fingerprint; }
    public Instant getNotAfter() { return notAfter; }
    public String getCertificate() { return certificate; }
}
