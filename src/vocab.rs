//! Every IRI diplograph writes or reads, in one place.
//!
//! The terms mirror `ontology/diplograph.ttl`; reused vocabularies (schema.org, W3C ORG, SKOS,
//! PROV-O, Web Annotation) come first, our own `dg:` namespace only where none fits. No other
//! module spells an IRI: they call these constants and the minting helpers at the bottom, so an
//! identity rule (how a person or a meeting becomes one node) lives here and nowhere else.

use oxigraph::model::NamedNode;

/// Our ontology namespace.
pub const DG: &str = "https://w3id.org/diplograph/ns#";
/// Where entity IRIs live; the path below it names the kind of entity.
pub const ID: &str = "https://w3id.org/diplograph/id/";

pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
pub const RDFS_SUBCLASS_OF: &str = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
pub const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const SKOS_CONCEPT: &str = "http://www.w3.org/2004/02/skos/core#Concept";
pub const SKOS_PREF_LABEL: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";
pub const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
pub const SKOS_NOTATION: &str = "http://www.w3.org/2004/02/skos/core#notation";
pub const SKOS_BROADER: &str = "http://www.w3.org/2004/02/skos/core#broader";
pub const SKOS_IN_SCHEME: &str = "http://www.w3.org/2004/02/skos/core#inScheme";

pub const SCHEMA: &str = "https://schema.org/";
pub const SCHEMA_NEWS_ARTICLE: &str = "https://schema.org/NewsArticle";
pub const SCHEMA_COUNTRY: &str = "https://schema.org/Country";
pub const SCHEMA_PERSON: &str = "https://schema.org/Person";
pub const SCHEMA_EVENT: &str = "https://schema.org/Event";
pub const SCHEMA_EVENT_SERIES: &str = "https://schema.org/EventSeries";
pub const SCHEMA_PLACE: &str = "https://schema.org/Place";
pub const SCHEMA_NAME: &str = "https://schema.org/name";
pub const SCHEMA_HEADLINE: &str = "https://schema.org/headline";
pub const SCHEMA_URL: &str = "https://schema.org/url";
pub const SCHEMA_PUBLISHER: &str = "https://schema.org/publisher";
pub const SCHEMA_DATE_PUBLISHED: &str = "https://schema.org/datePublished";
pub const SCHEMA_TEXT: &str = "https://schema.org/text";
pub const SCHEMA_ABOUT: &str = "https://schema.org/about";
pub const SCHEMA_MENTIONS: &str = "https://schema.org/mentions";
pub const SCHEMA_START_DATE: &str = "https://schema.org/startDate";
pub const SCHEMA_END_DATE: &str = "https://schema.org/endDate";
pub const SCHEMA_LOCATION: &str = "https://schema.org/location";
pub const SCHEMA_SUPER_EVENT: &str = "https://schema.org/superEvent";
pub const SCHEMA_ATTENDANCE_MODE: &str = "https://schema.org/eventAttendanceMode";
pub const SCHEMA_OFFLINE: &str = "https://schema.org/OfflineEventAttendanceMode";
pub const SCHEMA_ONLINE: &str = "https://schema.org/OnlineEventAttendanceMode";
pub const SCHEMA_MIXED: &str = "https://schema.org/MixedEventAttendanceMode";
pub const SCHEMA_DATELINE: &str = "https://schema.org/dateline";

pub const ORG: &str = "http://www.w3.org/ns/org#";
pub const ORG_ORGANIZATION: &str = "http://www.w3.org/ns/org#Organization";
pub const ORG_HAS_MEMBER: &str = "http://www.w3.org/ns/org#hasMember";
pub const ORG_MEMBERSHIP: &str = "http://www.w3.org/ns/org#Membership";
pub const ORG_MEMBER: &str = "http://www.w3.org/ns/org#member";
pub const ORG_ORGANIZATION_PROP: &str = "http://www.w3.org/ns/org#organization";
pub const ORG_ROLE: &str = "http://www.w3.org/ns/org#role";
pub const ORG_POST: &str = "http://www.w3.org/ns/org#Post";
pub const ORG_MEMBER_DURING: &str = "http://www.w3.org/ns/org#memberDuring";
pub const ORG_SUB_ORGANIZATION_OF: &str = "http://www.w3.org/ns/org#subOrganizationOf";

pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const PROV_ENTITY: &str = "http://www.w3.org/ns/prov#Entity";
pub const PROV_WAS_DERIVED_FROM: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";

pub const OA: &str = "http://www.w3.org/ns/oa#";
pub const OA_ANNOTATION: &str = "http://www.w3.org/ns/oa#Annotation";
pub const OA_HAS_BODY: &str = "http://www.w3.org/ns/oa#hasBody";
pub const OA_HAS_TARGET: &str = "http://www.w3.org/ns/oa#hasTarget";
pub const OA_HAS_SOURCE: &str = "http://www.w3.org/ns/oa#hasSource";
pub const OA_HAS_SELECTOR: &str = "http://www.w3.org/ns/oa#hasSelector";
pub const OA_TEXT_QUOTE_SELECTOR: &str = "http://www.w3.org/ns/oa#TextQuoteSelector";
pub const OA_TEXT_POSITION_SELECTOR: &str = "http://www.w3.org/ns/oa#TextPositionSelector";
pub const OA_EXACT: &str = "http://www.w3.org/ns/oa#exact";
pub const OA_START: &str = "http://www.w3.org/ns/oa#start";
pub const OA_END: &str = "http://www.w3.org/ns/oa#end";

/// NIF 2.0 core and ITS 2.0: compact mentions (a span IRI with its offsets, RFC 5147).
pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
pub const NIF_REFERENCE_CONTEXT: &str =
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext";
pub const NIF_ANCHOR_OF: &str =
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf";
pub const NIF_BEGIN_INDEX: &str =
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex";
pub const ITSRDF: &str = "http://www.w3.org/2005/11/its/rdf#";
pub const ITSRDF_TA_IDENT_REF: &str = "http://www.w3.org/2005/11/its/rdf#taIdentRef";

/// The IRI of a span of a document's text: the document's IRI with an RFC 5147 fragment
/// (`…/doc/HASH#char=16,21`, character offsets — here byte offsets into `schema:text`).
pub fn span_iri(doc: &str, start: usize, end: usize) -> String {
    format!("{doc}#char={start},{end}")
}

/// The document IRI and offsets of a span IRI, if it is one.
pub fn parse_span_iri(iri: &str) -> Option<(&str, usize, usize)> {
    let (doc, frag) = iri.split_once("#char=")?;
    let (a, b) = frag.split_once(',')?;
    Some((doc, a.parse().ok()?, b.parse().ok()?))
}

pub const TIME_INTERVAL: &str = "http://www.w3.org/2006/time#Interval";
pub const TIME_HAS_BEGINNING: &str = "http://www.w3.org/2006/time#hasBeginning";

/// XML namespaces of the GraphML export.
pub const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";
pub const GRAPHML_SCHEMA: &str = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";

/// A term of our own namespace, e.g. `dg("Statement")`.
pub fn dg(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{DG}{local}"))
}

/// Any IRI constant above as a node.
pub fn node(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// An XSD datatype, e.g. `xsd("gMonthDay")`.
pub fn xsd(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{XSD}{local}"))
}

/// The graph that holds the reference knowledge loaded from `data/`.
pub fn reference_graph() -> NamedNode {
    id("graph", "reference")
}

/// The graph that holds links computed across documents (series order, memberships).
pub fn links_graph() -> NamedNode {
    id("graph", "links")
}

/// An entity IRI: `id/<kind>/<key>`. Keys are slugs, codes and dates; anything else in them
/// is percent-encoded, so a minted IRI is always valid.
pub fn id(kind: &str, key: &str) -> NamedNode {
    let mut iri = format!("{ID}{kind}/");
    for b in key.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            iri.push(b as char);
        } else {
            iri.push_str(&format!("%{b:02X}"));
        }
    }
    NamedNode::new_unchecked(iri)
}

/// The kind segment of an entity IRI minted by [`id`], e.g. `state` for `…/id/state/KOR`.
pub fn kind_of(iri: &str) -> Option<&str> {
    iri.strip_prefix(ID)?.split('/').next()
}

/// A slug from any label: lowercase ASCII letters and digits joined by single hyphens.
/// Letters with diacritics lose them where a plain form is obvious, so "Viet Nam" and
/// "Việt Nam" give one slug; other characters are dropped.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        let mapped = fold_char(c);
        match mapped {
            Some(s) => {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push_str(s.as_str());
            }
            None => pending_dash = true,
        }
    }
    out
}

fn fold_char(c: char) -> Option<String> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase().to_string());
    }
    if c == '\'' || c == '’' || c == '.' {
        // "Ministers' Meeting" and "U.S." keep their words together.
        return Some(String::new());
    }
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ẩ' | 'ẫ' | 'ậ'
        | 'ắ' | 'ằ' | 'ẳ' | 'ẵ' | 'ặ' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ể' | 'ễ' | 'ệ' | 'È' | 'É'
        | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ị' | 'ỉ' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ơ' | 'ọ' | 'ỏ' | 'ố' | 'ồ' | 'ổ' | 'ỗ' | 'ộ' | 'ớ'
        | 'ờ' | 'ở' | 'ỡ' | 'ợ' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ư' | 'ụ' | 'ủ' | 'ứ' | 'ừ' | 'ử' | 'ữ' | 'ự' | 'Ù' | 'Ú'
        | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' | 'Ý' => "y",
        'đ' | 'Đ' => "d",
        'ç' | 'Ç' => "c",
        'ñ' | 'Ñ' => "n",
        'ş' | 'Ş' | 'š' | 'Š' => "s",
        'ğ' => "g",
        'ı' | 'İ' => "i",
        'ž' | 'Ž' => "z",
        'č' | 'Č' => "c",
        'ß' => "ss",
        'ł' | 'Ł' => "l",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'þ' | 'Þ' => "th",
        // Any other letter with marks: its base letter ("ė" → e, "ř" → r, "ș" → s).
        _ => {
            use unicode_normalization::UnicodeNormalization;
            let base: String = std::iter::once(c)
                .nfd()
                .filter(char::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase())
                .collect();
            return (!base.is_empty()).then_some(base);
        }
    };
    Some(plain.to_string())
}

/// Prefixes for Turtle output.
pub const PREFIXES: &[(&str, &str)] = &[
    ("dg", DG),
    ("id", ID),
    ("schema", SCHEMA),
    ("skos", SKOS),
    ("org", "http://www.w3.org/ns/org#"),
    ("oa", "http://www.w3.org/ns/oa#"),
    ("nif", NIF),
    ("itsrdf", ITSRDF),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("xsd", XSD),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_case_punctuation_and_diacritics() {
        assert_eq!(slug("ASEAN-ROK Dialogue"), "asean-rok-dialogue");
        assert_eq!(slug("Việt Nam"), slug("Viet Nam"));
        assert_eq!(slug("Gitanas Nausėda"), "gitanas-nauseda");
        assert_eq!(slug("Łukasz Dvořák"), "lukasz-dvorak");
        assert_eq!(
            slug("Foreign Ministers' Meeting"),
            "foreign-ministers-meeting"
        );
        assert_eq!(slug("  U.S.  "), "us");
        assert_eq!(slug("Park Yoon-joo"), "park-yoon-joo");
    }

    #[test]
    fn every_term_of_ours_that_is_written_is_declared_in_the_ontology() {
        let ontology = include_str!("../ontology/diplograph.ttl");
        for source in [
            include_str!("rdf.rs"),
            include_str!("store/mod.rs"),
            include_str!("store/link.rs"),
        ] {
            for part in source.split("dg(\"").skip(1) {
                let local = part.split('"').next().unwrap_or("");
                assert!(
                    ontology.contains(&format!("dg:{local} ")),
                    "dg:{local} is written but not declared in ontology/diplograph.ttl"
                );
            }
        }
    }

    #[test]
    fn minted_iris_are_always_valid() {
        let iri = id("meeting", "x y/--07-01#1");
        assert!(NamedNode::new(iri.as_str()).is_ok(), "{iri}");
    }

    #[test]
    fn kind_is_read_back_from_minted_iris() {
        assert_eq!(kind_of(id("state", "KOR").as_str()), Some("state"));
        assert_eq!(kind_of("http://example.org/x"), None);
    }
}
