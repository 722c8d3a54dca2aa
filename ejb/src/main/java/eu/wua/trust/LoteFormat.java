package eu.wua.trust;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import eu.wua.platform.JsonLimits;
import eu.wua.platform.PemCertificates;

/**
 * The one class that knows a List of Trusted Entities on the wire (ETSI TS 119 602 v1.1.1): the JSON
 * form (the payload of a JAdES signature) and the XML form (the document a XAdES signature envelops),
 * both read into {@link ListOfTrustedEntities}. It reads only what the trust list needs and refuses
 * a list it cannot read whole: a list half understood is not taken in.
 */
public final class LoteFormat {

    /** TS 119 602 v1.1.1: the only LoTEVersionIdentifier defined. */
    public static final int VERSION_IDENTIFIER = 1;
    /** The namespace of the XML form. */
    public static final String XML_NAMESPACE = "http://uri.etsi.org/019602/v1#";
    /** The LoTEType of the Commission's list of Wallet Providers (TS 119 602, its EU Wallet Providers profile). */
    public static final String EU_WALLET_PROVIDERS_LIST = "http://uri.etsi.org/19602/LoTEType/EUWalletProvidersList";
    /** The service type of a Wallet Provider's issuance of wallet unit attestations in that profile. */
    public static final String WALLET_SOLUTION_ISSUANCE = "http://uri.etsi.org/19602/SvcType/WalletSolution/Issuance";

    static final int MAX_ENTITIES = 10_000;
    static final int MAX_SERVICES = 100;
    static final int MAX_CERTIFICATES = 100;

    private LoteFormat() {
    }

    public static ListOfTrustedEntities parseJson(byte[] content) throws LoteRefused {
        String text = utf8(content);
        if (!JsonLimits.withinDepth(text) || !JsonLimits.withoutNul(text)) {
            throw new LoteRefused("the list's JSON is nested too deep or holds a NUL character");
        }
        JsonObject root;
        try (var reader = JSON.createReader(new StringReader(text))) {
            root = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new LoteRefused("the list is not a JSON object: " + e.getMessage());
        }
        JsonObject lote = root.containsKey("LoTE") ? object(root, "LoTE", "the document") : root;
        JsonObject information = object(lote, "ListAndSchemeInformation", "LoTE");
        List<ListOfTrustedEntities.Entity> entities = new ArrayList<>();
        JsonArray listed = lote.containsKey("TrustedEntitiesList") ? array(lote, "TrustedEntitiesList", "LoTE") : JsonValue.EMPTY_JSON_ARRAY;
        if (listed.size() > MAX_ENTITIES) {
            throw new LoteRefused("the list names more than " + MAX_ENTITIES + " entities");
        }
        for (int e = 0; e < listed.size(); e++) {
            String where = "TrustedEntitiesList[" + e + "]";
            JsonObject entity = element(listed, e, where);
            JsonObject about = object(entity, "TrustedEntityInformation", where);
            String name = multilingual(about, "TEName", where, "value");
            List<String> uris = about.containsKey("TEInformationURI") ? values(array(about, "TEInformationURI", where), "uriValue", where)
                    : List.of();
            JsonArray services = array(entity, "TrustedEntityServices", where);
            if (services.size() > MAX_SERVICES) {
                throw new LoteRefused(where + " has more than " + MAX_SERVICES + " services");
            }
            List<ListOfTrustedEntities.Service> read = new ArrayList<>();
            for (int s = 0; s < services.size(); s++) {
                String serviceWhere = where + ".TrustedEntityServices[" + s + "]";
                JsonObject service = object(element(services, s, serviceWhere), "ServiceInformation", serviceWhere);
                JsonObject identity = object(service, "ServiceDigitalIdentity", serviceWhere);
                List<String> encoded = identity.containsKey("X509Certificates")
                        ? values(array(identity, "X509Certificates", serviceWhere), "val", serviceWhere) : List.of();
                List<String> supplyPoints = service.containsKey("ServiceSupplyPoints")
                        ? values(array(service, "ServiceSupplyPoints", serviceWhere), "uriValue", serviceWhere) : List.of();
                read.add(new ListOfTrustedEntities.Service(multilingual(service, "ServiceName", serviceWhere, "value"),
                        string(service, "ServiceTypeIdentifier", serviceWhere), optionalString(service, "ServiceStatus", serviceWhere),
                        certificates(encoded, serviceWhere), supplyPoints));
            }
            entities.add(new ListOfTrustedEntities.Entity(name, uris, read));
        }
        return checked(new ListOfTrustedEntities(integer(information, "LoTEVersionIdentifier"), sequenceNumber(information),
                string(information, "LoTEType", "ListAndSchemeInformation"), multilingual(information, "SchemeOperatorName",
                        "ListAndSchemeInformation", "value"),
                instant(string(information, "ListIssueDateTime", "ListAndSchemeInformation"), "ListIssueDateTime"),
                instant(nextUpdate(information), "NextUpdate"), List.copyOf(entities)));
    }

    public static ListOfTrustedEntities parseXml(byte[] content) throws LoteRefused {
        Element root = xml(content).getDocumentElement();
        if (!XML_NAMESPACE.equals(root.getNamespaceURI()) || !"ListOfTrustedEntities".equals(root.getLocalName())) {
            throw new LoteRefused("the XML document is not a ListOfTrustedEntities in " + XML_NAMESPACE);
        }
        Element information = child(root, "ListAndSchemeInformation", "ListOfTrustedEntities");
        List<ListOfTrustedEntities.Entity> entities = new ArrayList<>();
        List<Element> listed = optionalChild(root, "TrustedEntitiesList").map(l -> children(l, "TrustedEntity")).orElse(List.of());
        if (listed.size() > MAX_ENTITIES) {
            throw new LoteRefused("the list names more than " + MAX_ENTITIES + " entities");
        }
        for (int e = 0; e < listed.size(); e++) {
            String where = "TrustedEntity[" + e + "]";
            Element about = child(listed.get(e), "TrustedEntityInformation", where);
            String name = firstText(child(about, "TEName", where), where + ".TEName");
            List<String> uris = optionalChild(about, "TEInformationURI").map(LoteFormat::texts).orElse(List.of());
            List<Element> services = children(child(listed.get(e), "TrustedEntityServices", where), "TrustedEntityService");
            if (services.size() > MAX_SERVICES) {
                throw new LoteRefused(where + " has more than " + MAX_SERVICES + " services");
            }
            List<ListOfTrustedEntities.Service> read = new ArrayList<>();
            for (int s = 0; s < services.size(); s++) {
                String serviceWhere = where + ".TrustedEntityService[" + s + "]";
                Element service = child(services.get(s), "ServiceInformation", serviceWhere);
                List<String> encoded = new ArrayList<>();
                for (Element digitalId : children(child(service, "ServiceDigitalIdentity", serviceWhere), "DigitalId")) {
                    optionalChild(digitalId, "X509Certificate").ifPresent(certificate -> encoded.add(certificate.getTextContent().strip()));
                }
                read.add(new ListOfTrustedEntities.Service(firstText(child(service, "ServiceName", serviceWhere), serviceWhere + ".ServiceName"),
                        text(child(service, "ServiceTypeIdentifier", serviceWhere)),
                        optionalChild(service, "ServiceStatus").map(LoteFormat::text).orElse(null), certificates(encoded, serviceWhere),
                        optionalChild(service, "ServiceSupplyPoints").map(LoteFormat::texts).orElse(List.of())));
            }
            entities.add(new ListOfTrustedEntities.Entity(name, uris, read));
        }
        String version = text(child(information, "LoTEVersionIdentifier", "ListAndSchemeInformation"));
        String sequence = text(child(information, "LoTESequenceNumber", "ListAndSchemeInformation"));
        Element nextUpdate = child(information, "NextUpdate", "ListAndSchemeInformation");
        String nextUpdateTime = optionalChild(nextUpdate, "dateTime").map(LoteFormat::text)
                .orElseThrow(() -> new LoteRefused("the list is closed (NextUpdate has no dateTime): no list version follows it"));
        try {
            return checked(new ListOfTrustedEntities(Integer.parseInt(version), Long.parseLong(sequence),
                    text(child(information, "LoTEType", "ListAndSchemeInformation")),
                    firstText(child(information, "SchemeOperatorName", "ListAndSchemeInformation"), "SchemeOperatorName"),
                    instant(text(child(information, "ListIssueDateTime", "ListAndSchemeInformation")), "ListIssueDateTime"),
                    instant(nextUpdateTime, "NextUpdate"), List.copyOf(entities)));
        } catch (NumberFormatException e) {
            throw new LoteRefused("LoTEVersionIdentifier and LoTESequenceNumber are integers (" + version + ", " + sequence + ")");
        }
    }

    private static ListOfTrustedEntities checked(ListOfTrustedEntities list) throws LoteRefused {
        if (list.versionIdentifier() != VERSION_IDENTIFIER) {
            throw new LoteRefused("LoTEVersionIdentifier " + list.versionIdentifier() + " is not the version read here (" + VERSION_IDENTIFIER + ")");
        }
        if (list.sequenceNumber() < 1) {
            throw new LoteRefused("LoTESequenceNumber starts at 1, was " + list.sequenceNumber());
        }
        if (!list.nextUpdate().isAfter(list.issuedAt())) {
            throw new LoteRefused("NextUpdate " + list.nextUpdate() + " is not after ListIssueDateTime " + list.issuedAt());
        }
        return list;
    }

    private static List<X509Certificate> certificates(List<String> encoded, String where) throws LoteRefused {
        if (encoded.size() > MAX_CERTIFICATES) {
            throw new LoteRefused(where + " has more than " + MAX_CERTIFICATES + " certificates");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (int i = 0; i < encoded.size(); i++) {
            try {
                List<X509Certificate> decoded = PemCertificates.decode(Base64.getMimeDecoder().decode(encoded.get(i)));
                if (decoded.size() != 1) {
                    throw new CertificateException("not one certificate");
                }
                certificates.add(decoded.get(0));
            } catch (CertificateException | IllegalArgumentException e) {
                throw new LoteRefused(where + ": certificate " + i + " is not a base64 DER X.509 certificate");
            }
        }
        return List.copyOf(certificates);
    }

    private static String utf8(byte[] content) throws LoteRefused {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new LoteRefused("the list is not UTF-8");
        }
    }

    private static Instant instant(String value, String name) throws LoteRefused {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new LoteRefused(name + " '" + value + "' is not a date and time with an offset (RFC 3339)");
        }
    }

    private static String nextUpdate(JsonObject information) throws LoteRefused {
        JsonValue value = information.get("NextUpdate");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new LoteRefused("the list is closed (no NextUpdate): no list version follows it");
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw new LoteRefused("NextUpdate is a date and time string");
    }

    private static long sequenceNumber(JsonObject information) throws LoteRefused {
        if (!(information.get("LoTESequenceNumber") instanceof JsonNumber number) || !number.isIntegral()) {
            throw new LoteRefused("ListAndSchemeInformation.LoTESequenceNumber is missing or not an integer");
        }
        return number.longValueExact();
    }

    private static int integer(JsonObject information, String name) throws LoteRefused {
        if (!(information.get(name) instanceof JsonNumber number) || !number.isIntegral()) {
            throw new LoteRefused("ListAndSchemeInformation." + name + " is missing or not an integer");
        }
        return number.intValueExact();
    }

    private static JsonObject object(JsonObject parent, String name, String where) throws LoteRefused {
        if (parent.get(name) instanceof JsonObject object) {
            return object;
        }
        throw new LoteRefused(where + "." + name + " is missing or not an object");
    }

    private static JsonArray array(JsonObject parent, String name, String where) throws LoteRefused {
        if (parent.get(name) instanceof JsonArray array) {
            return array;
        }
        throw new LoteRefused(where + "." + name + " is missing or not an array");
    }

    private static JsonObject element(JsonArray array, int index, String where) throws LoteRefused {
        if (array.get(index) instanceof JsonObject object) {
            return object;
        }
        throw new LoteRefused(where + " is not an object");
    }

    private static String string(JsonObject parent, String name, String where) throws LoteRefused {
        String value = optionalString(parent, name, where);
        if (value == null) {
            throw new LoteRefused(where + "." + name + " is missing");
        }
        return value;
    }

    private static String optionalString(JsonObject parent, String name, String where) throws LoteRefused {
        JsonValue value = parent.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString text && JsonLimits.printable(text.getString())) {
            return text.getString();
        }
        throw new LoteRefused(where + "." + name + " is not a printable string");
    }

    /** The English value of a multilingual string, else the first. */
    private static String multilingual(JsonObject parent, String name, String where, String field) throws LoteRefused {
        JsonArray values = array(parent, name, where);
        List<String> texts = values(values, field, where + "." + name);
        if (texts.isEmpty()) {
            throw new LoteRefused(where + "." + name + " is empty");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof JsonObject value && value.getString("lang", "").toLowerCase().startsWith("en")) {
                return texts.get(i);
            }
        }
        return texts.get(0);
    }

    private static List<String> values(JsonArray array, String field, String where) throws LoteRefused {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            values.add(string(element(array, i, where + "[" + i + "]"), field, where + "[" + i + "]"));
        }
        return values;
    }

    private static Document xml(byte[] content) throws LoteRefused {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e; // not printed: the refusal says it
                }
            });
            return builder.parse(new ByteArrayInputStream(content));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be made safe", e);
        } catch (SAXException | java.io.IOException e) {
            throw new LoteRefused("the list is not well-formed XML (or declares a DTD): " + e.getMessage());
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && XML_NAMESPACE.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName())) {
                children.add(element);
            }
        }
        return children;
    }

    private static java.util.Optional<Element> optionalChild(Element parent, String localName) {
        return children(parent, localName).stream().findFirst();
    }

    private static Element child(Element parent, String localName, String where) throws LoteRefused {
        return optionalChild(parent, localName).orElseThrow(() -> new LoteRefused(where + "." + localName + " is missing"));
    }

    private static String text(Element element) {
        return element.getTextContent().strip();
    }

    /** The texts of an element's child elements (Name, URI, ServiceSupplyPoint...), English first where marked. */
    private static List<String> texts(Element parent) {
        List<String> english = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                String lang = element.getAttributeNS(XMLConstants.XML_NS_URI, "lang");
                (lang.toLowerCase().startsWith("en") ? english : others).add(text(element));
            }
        }
        english.addAll(others);
        return english;
    }

    private static String firstText(Element parent, String where) throws LoteRefused {
        return texts(parent).stream().findFirst().orElseThrow(() -> new LoteRefused(where + " has no value"));
    }
}
