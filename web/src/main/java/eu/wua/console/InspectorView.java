package eu.wua.console;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import eu.wua.issuer.AttestationInspector;
import eu.wua.issuer.CredentialConfiguration;
import eu.wua.issuer.CredentialPolicies;
import eu.wua.issuer.PidConfiguration;
import eu.wua.verifier.Presentations;

/** The attestation inspector: what an operator needs when a wallet vendor reports "your issuer rejects my KA". */
@Named
@ViewScoped
public class InspectorView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private AttestationInspector inspector;

    @Inject
    private CredentialPolicies policies;

    private String input;
    private String configurationId = PidConfiguration.SD_JWT_VC_ID;
    private boolean strict;
    private transient AttestationInspector.Inspection inspection;

    public void inspect() {
        // read only: the verifiers run as an inspection, so nothing changes and nothing needs recording
        inspection = inspector.inspect(input, configurationId, strict);
    }

    @Inject
    private Presentations presentations;

    private String presentation;
    private String presentationNonce;
    private String presentationAudience;
    private transient Presentations.Inspection presentationInspection;

    /** A presentation with the nonce and audience a relying party used, through the verifier's checks; nothing is used up. */
    public void inspectPresentation() {
        presentationInspection = presentations.inspect(presentation, presentationNonce, presentationAudience);
    }

    public Presentations.Inspection getPresentationInspection() { return presentationInspection; }
    public String getPresentationClaims() {
        return presentationInspection == null ? "" : presentationInspection.claims().map(Object::toString).orElse("");
    }
    public String getPresentation() { return presentation; }
    public void setPresentation(String presentation) { this.presentation = presentation; }
    public String getPresentationNonce() { return presentationNonce; }
    public void setPresentationNonce(String presentationNonce) { this.presentationNonce = presentationNonce; }
    public String getPresentationAudience() { return presentationAudience; }
    public void setPresentationAudience(String presentationAudience) { this.presentationAudience = presentationAudience; }

    public List<String> getConfigurations() {
        return policies.all().stream().map(CredentialConfiguration::getId).toList();
    }

    public AttestationInspector.Inspection getInspection() { return inspection; }
    public String getInput() { return input; }
    public void setInput(String input) { this.input = input; }
    public String getConfigurationId() { return configurationId; }
    public void setConfigurationId(String configurationId) { this.configurationId = configurationId; }
    public boolean isStrict() { return strict; }
    public void setStrict(boolean strict) { this.strict = strict; }
}
