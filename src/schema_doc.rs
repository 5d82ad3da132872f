//! The field reference of the output contract, generated from its JSON
//! Schema: `docs/output.md` and `zhenggai schema --markdown`.
//!
//! The schema (`schemas/notice.schema.json`, [`crate::SCHEMA`]) describes
//! every property; this module renders those descriptions as Markdown, one
//! section per object of the record (a table of its fields: name, type,
//! meaning, in schema order) and one per value type (span, date, node id),
//! so the reference users read can never disagree with the schema they
//! validate against.
//!
//! The schema is read into [`Schema`], the subset of JSON Schema the
//! contract uses, with objects' members in the order written (a
//! `serde_json::Value` would sort them). A keyword outside that subset makes
//! the reading fail, so that a schema change the renderer does not show
//! fails the test that compares `docs/output.md` with this output instead of
//! vanishing from the reference.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// The field reference of the output contract as Markdown: what
/// `docs/output.md` holds and `zhenggai schema --markdown` prints.
///
/// A section per object of the record and of the error record (`Record`,
/// `Source`, `Genre`, `Date`, `Inspection`, `Node`, `Issue`, `Quantity`,
/// `Metric`, `Diagnostic`, `ErrorRecord` …), in the order the record first
/// refers to them, each a table of its fields in schema order with their
/// types (`string or null`, `array of [Quantity](#quantity)`, the values of
/// an enumeration) and meanings; then a section per value type (`Span`,
/// `IsoDate`, `NodeRef`). The same schema always gives the same text.
///
/// # Panics
///
/// Never for the schema built in: it reads, as the crate's tests check.
///
/// ```
/// let markdown = zhenggai::schema_markdown();
/// assert!(markdown.contains("\n## Quantity\n"));
/// assert!(markdown.contains("| `quantities` | array of [Quantity](#quantity) |"));
/// ```
pub fn schema_markdown() -> String {
    let schema: Schema = serde_json::from_str(crate::SCHEMA).expect("the built-in schema reads as a Schema");
    Reference::of(&schema).markdown()
}

/// The subset of JSON Schema 2020-12 the contract uses. An unknown keyword
/// is an error, so that the renderer is taught every keyword it meets.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Schema {
    /// The dialect (`$schema`), at the root.
    #[serde(rename = "$schema")]
    dialect: Option<String>,
    /// The schema's identifier (`$id`), at the root.
    #[serde(rename = "$id")]
    id: Option<String>,
    /// The named schemas that `$ref`s point to (`#/$defs/<name>`).
    #[serde(rename = "$defs", default)]
    definitions: Members<Schema>,
    /// A reference to another schema (`#/$defs/<name>`).
    #[serde(rename = "$ref")]
    reference: Option<String>,
    title: Option<String>,
    description: Option<String>,
    /// `type`: one name or a list of names.
    #[serde(rename = "type")]
    types: Option<Types>,
    /// `const`: the only value allowed.
    #[serde(rename = "const")]
    constant: Option<Value>,
    /// `enum`: the values allowed.
    #[serde(rename = "enum")]
    values: Option<Vec<Value>>,
    /// `oneOf`: the alternatives.
    #[serde(rename = "oneOf", default)]
    one_of: Vec<Schema>,
    #[serde(default)]
    properties: Members<Schema>,
    #[serde(default)]
    required: Vec<String>,
    /// The schema of other members: `false` for none, or a schema of their
    /// values (a map such as `metrics`).
    #[serde(rename = "additionalProperties")]
    additional_properties: Option<AdditionalProperties>,
    /// The schema of a map's keys.
    #[serde(rename = "propertyNames")]
    property_names: Option<Box<Schema>>,
    items: Option<Box<Schema>>,
    #[serde(rename = "minItems")]
    min_items: Option<u64>,
    #[serde(rename = "maxItems")]
    max_items: Option<u64>,
    minimum: Option<serde_json::Number>,
    maximum: Option<serde_json::Number>,
    pattern: Option<String>,
}

/// The `type` keyword: one type name or several.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Types {
    /// `"type": "string"`.
    One(String),
    /// `"type": ["string", "null"]`.
    Several(Vec<String>),
}

impl Types {
    /// The type names, in the order written.
    fn names(&self) -> &[String] {
        match self {
            Types::One(name) => std::slice::from_ref(name),
            Types::Several(names) => names,
        }
    }
}

/// The `additionalProperties` keyword.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum AdditionalProperties {
    /// `true` or `false`: other members allowed or not (every object of
    /// the contract is closed, so the reference does not say it).
    Allowed(#[expect(dead_code, reason = "read only to accept the keyword")] bool),
    /// The schema of every other member's value.
    Values(Box<Schema>),
}

/// A JSON object's members in the order written.
#[derive(Debug)]
struct Members<T>(Vec<(String, T)>);

impl<T> Default for Members<T> {
    fn default() -> Self {
        Members(Vec::new())
    }
}

impl<T> Members<T> {
    /// The member called `name`.
    fn get(&self, name: &str) -> Option<&T> {
        self.0.iter().find(|(member, _)| member == name).map(|(_, value)| value)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Members<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Collects an object's members as they come.
        struct MembersVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for MembersVisitor<T> {
            type Value = Members<T>;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<T>, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }

        deserializer.deserialize_map(MembersVisitor(PhantomData))
    }
}

/// Where the `$ref`s of the contract point: `#/$defs/<name>`.
const DEFINITIONS: &str = "#/$defs/";

/// The sections of the reference: every object and value type of the
/// schema with its name and place.
struct Reference<'a> {
    root: &'a Schema,
    /// Each section's name (heading, anchor, link text) by its path: a
    /// definition's `$ref` (`#/$defs/date`), or an inline object's path
    /// (`#/$defs/record/properties/inspection`).
    names: BTreeMap<String, String>,
    /// The sections by path, in the order the schema first refers to them.
    order: Vec<(String, &'a Schema)>,
}

impl<'a> Reference<'a> {
    /// The sections of `root`: the definitions and inline objects it refers
    /// to, depth first in schema order, then any definition nothing refers
    /// to. Definitions are named after their keys (`errorRecord` →
    /// `ErrorRecord`), inline objects after their property (`inspection` →
    /// `Inspection`; after its owner too where that name is taken).
    fn of(root: &'a Schema) -> Reference<'a> {
        let mut reference = Reference {
            root,
            names: BTreeMap::new(),
            order: Vec::new(),
        };
        for (key, _) in &root.definitions.0 {
            let name = reference.free_name(&upper_camel(key));
            reference.names.insert(format!("{DEFINITIONS}{key}"), name);
        }
        reference.visit(root, "#", "", "root");
        for (key, definition) in &root.definitions.0 {
            reference.add(format!("{DEFINITIONS}{key}"), definition, "", key);
        }
        reference
    }

    /// Whether a section is called `name` already.
    fn is_taken(&self, name: &str) -> bool {
        self.names.values().any(|taken| taken == name)
    }

    /// `wanted`, or with the first free number after it.
    fn free_name(&self, wanted: &str) -> String {
        if !self.is_taken(wanted) {
            return wanted.to_string();
        }
        (2..)
            .map(|number| format!("{wanted}{number}"))
            .find(|name| !self.is_taken(name))
            .expect("some number is free")
    }

    /// Adds the section at `path` (unless it is there already), then the
    /// sections its properties refer to.
    fn add(&mut self, path: String, schema: &'a Schema, owner: &str, property: &str) {
        if self.order.iter().any(|(added, _)| *added == path) {
            return;
        }
        if !self.names.contains_key(&path) {
            let own = upper_camel(property);
            let name = self.free_name(&if self.is_taken(&own) {
                format!("{owner}{own}")
            } else {
                own
            });
            self.names.insert(path.clone(), name);
        }
        let name = self.names[&path].clone();
        self.order.push((path.clone(), schema));
        for (key, property_schema) in &schema.properties.0 {
            self.visit(property_schema, &format!("{path}/properties/{key}"), &name, key);
        }
    }

    /// Adds the sections `schema` (the schema of `owner`'s `property`, at
    /// `path`) refers to: its `$ref`, itself when it is an inline object,
    /// and those of its alternatives, items and map values.
    fn visit(&mut self, schema: &'a Schema, path: &str, owner: &str, property: &str) {
        if let Some((target, definition)) = self.resolve(schema) {
            self.add(target.to_string(), definition, owner, property);
        }
        if !schema.properties.0.is_empty() {
            self.add(path.to_string(), schema, owner, property);
        }
        for (index, alternative) in schema.one_of.iter().enumerate() {
            self.visit(alternative, &format!("{path}/oneOf/{index}"), owner, property);
        }
        if let Some(items) = &schema.items {
            self.visit(items, &format!("{path}/items"), owner, property);
        }
        if let Some(AdditionalProperties::Values(values)) = &schema.additional_properties {
            self.visit(values, &format!("{path}/additionalProperties"), owner, property);
        }
    }

    /// The definition a schema's `$ref` points to, with the `$ref`.
    fn resolve(&self, schema: &'a Schema) -> Option<(&'a str, &'a Schema)> {
        let target = schema.reference.as_deref()?;
        let key = target.strip_prefix(DEFINITIONS)?;
        Some((target, self.root.definitions.get(key)?))
    }

    /// The whole reference: blocks (headings, paragraphs, tables)
    /// separated by blank lines.
    fn markdown(&self) -> String {
        let (objects, values): (Vec<_>, Vec<_>) = self
            .order
            .iter()
            .partition(|(_, schema)| !schema.properties.0.is_empty());
        let title = self.root.title.as_deref().unwrap_or("JSON Schema");
        let mut blocks = vec![
            format!("# Field reference: {title}"),
            "*Generated from `schemas/notice.schema.json` by `zhenggai schema --markdown`: change the \
             schema's descriptions, then regenerate this file with \
             `cargo run -- schema --markdown > docs/output.md`.*"
                .to_string(),
        ];
        blocks.extend(self.root.description.clone());
        blocks.push(format!("**Type:** {}", self.shape_of(self.root, "#")));
        if let (Some(dialect), Some(id)) = (&self.root.dialect, &self.root.id) {
            blocks.push(format!(
                "JSON Schema `{id}` (dialect `{dialect}`), printed by `zhenggai schema`."
            ));
        }
        blocks.push(
            "A field marked (optional) may be absent; every other field is always there, null where its type \
             allows null."
                .to_string(),
        );
        for (kind, sections) in [("Objects", &objects), ("Value types", &values)] {
            if !sections.is_empty() {
                let links: Vec<String> = sections.iter().map(|(path, _)| self.link(path)).collect();
                blocks.push(format!("{kind}: {}.", links.join(", ")));
            }
        }
        for (path, schema) in objects {
            self.heading(&mut blocks, path, schema);
            blocks.push(self.field_table(path, schema));
        }
        for (path, schema) in values {
            self.heading(&mut blocks, path, schema);
            blocks.push(format!("**Type:** {}", self.shape_of(schema, path)));
        }
        blocks.join("\n\n") + "\n"
    }

    /// The heading of the section at `path`, and its description.
    fn heading(&self, blocks: &mut Vec<String>, path: &str, schema: &Schema) {
        blocks.push(format!("## {}", self.names[path]));
        blocks.extend(schema.description.clone());
    }

    /// An object's fields as a table: name (marked when optional), type
    /// and meaning, in schema order.
    fn field_table(&self, path: &str, schema: &Schema) -> String {
        let mut table = String::from("| field | type | meaning |\n|---|---|---|");
        for (key, property) in &schema.properties.0 {
            let optional = if schema.required.contains(key) {
                ""
            } else {
                " (optional)"
            };
            let _ = write!(
                table,
                "\n| `{}`{optional} | {} | {} |",
                table_cell(key),
                table_cell(&self.type_of(property, &format!("{path}/properties/{key}"))),
                table_cell(property.description.as_deref().unwrap_or("")),
            );
        }
        table
    }

    /// A link to the section at `path` (the path itself when it has none).
    fn link(&self, path: &str) -> String {
        match self.names.get(path) {
            Some(name) => format!("[{name}](#{})", name.to_lowercase()),
            None => format!("`{path}`"),
        }
    }

    /// How a property's type reads: a link to its section where it has
    /// one, else its shape.
    fn type_of(&self, schema: &Schema, path: &str) -> String {
        if let Some(target) = &schema.reference {
            return self.link(target);
        }
        if self.names.contains_key(path) {
            return self.link(path);
        }
        self.shape_of(schema, path)
    }

    /// How a schema's own constraints read: `always "1.1"`, `one of `a`,
    /// `b` or null`, `string or null`, `array of [Node](#node)`,
    /// `integer ≥ 0` …
    fn shape_of(&self, schema: &Schema, path: &str) -> String {
        if let Some(constant) = &schema.constant {
            return format!("always `{constant}`");
        }
        if let Some(values) = &schema.values {
            return enumeration(values);
        }
        if !schema.one_of.is_empty() {
            let alternatives: Vec<String> = (schema.one_of.iter().enumerate())
                .map(|(index, alternative)| self.type_of(alternative, &format!("{path}/oneOf/{index}")))
                .collect();
            return alternatives.join(" or ");
        }
        match &schema.types {
            Some(types) => {
                let names: Vec<String> = (types.names().iter())
                    .map(|name| self.typed(name, schema, path))
                    .collect();
                names.join(" or ")
            }
            None => "any value".to_string(),
        }
    }

    /// How one type name of `schema` reads with the keywords that narrow it.
    fn typed(&self, name: &str, schema: &Schema, path: &str) -> String {
        match name {
            "array" => {
                let items = match &schema.items {
                    Some(items) => self.type_of(items, &format!("{path}/items")),
                    None => "any value".to_string(),
                };
                let count = match (schema.min_items, schema.max_items) {
                    (Some(min), Some(max)) if min == max => format!(", exactly {min} items"),
                    (Some(min), Some(max)) => format!(", {min} to {max} items"),
                    (Some(min), None) if min > 0 => format!(", at least {min} items"),
                    (_, Some(max)) => format!(", at most {max} items"),
                    _ => String::new(),
                };
                format!("array of {items}{count}")
            }
            "object" => match &schema.additional_properties {
                Some(AdditionalProperties::Values(values)) => {
                    let keys = match &schema.property_names {
                        Some(keys) => format!(" ({})", self.shape_of(keys, &format!("{path}/propertyNames"))),
                        None => String::new(),
                    };
                    let values = self.type_of(values, &format!("{path}/additionalProperties"));
                    format!("object from key{keys} to {values}")
                }
                _ => "object".to_string(),
            },
            "integer" | "number" => match (&schema.minimum, &schema.maximum) {
                (Some(minimum), Some(maximum)) => format!("{name} from {minimum} to {maximum}"),
                (Some(minimum), None) => format!("{name} ≥ {minimum}"),
                (None, Some(maximum)) => format!("{name} ≤ {maximum}"),
                (None, None) => name.to_string(),
            },
            "string" => match &schema.pattern {
                Some(pattern) => format!("string matching `{pattern}`"),
                None => name.to_string(),
            },
            _ => name.to_string(),
        }
    }
}

/// The values of an `enum`: `` one of `a`, `b` or null ``.
fn enumeration(values: &[Value]) -> String {
    let named: Vec<String> = (values.iter().filter(|value| !value.is_null()))
        .map(|value| match value.as_str() {
            Some(text) => format!("`{text}`"),
            None => format!("`{value}`"),
        })
        .collect();
    let mut text = match named.len() {
        0 => String::new(),
        1 => named[0].clone(),
        _ => format!("one of {}", named.join(", ")),
    };
    if values.iter().any(Value::is_null) {
        text.push_str(if text.is_empty() { "null" } else { " or null" });
    }
    text
}

/// A name in UpperCamelCase: `errorRecord` → `ErrorRecord`, `page_date` →
/// `PageDate`.
fn upper_camel(name: &str) -> String {
    (name.split(['_', '-', ' ']))
        .flat_map(|word| {
            let mut chars = word.chars();
            chars.next().map(|first| first.to_uppercase().chain(chars))
        })
        .flatten()
        .collect()
}

/// Text that stays in one cell of a Markdown table: no line breaks, `|`
/// escaped (also inside code spans, as GitHub's tables need).
fn table_cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(schema: &str) -> String {
        let schema: Schema = serde_json::from_str(schema).unwrap();
        Reference::of(&schema).markdown()
    }

    /// A record with a definition it refers to, an inline object, a map and
    /// a definition nothing refers to.
    const SMALL: &str = r##"{
        "title": "small",
        "description": "A small record.",
        "oneOf": [{ "$ref": "#/$defs/thing" }],
        "$defs": {
            "unused": { "type": "string", "description": "Nobody's." },
            "span": { "type": "array", "items": { "type": "integer", "minimum": 0 }, "minItems": 2, "maxItems": 2 },
            "thing": {
                "type": "object",
                "required": ["zeta", "alpha", "place"],
                "properties": {
                    "zeta": { "enum": ["over", "under", null], "description": "Z | or not." },
                    "alpha": { "type": ["string", "null"], "description": "A." },
                    "place": { "$ref": "#/$defs/span", "description": "Where." },
                    "unused": {
                        "type": "object",
                        "properties": { "level": { "type": "integer", "minimum": 1, "maximum": 4 } }
                    },
                    "counts": {
                        "type": "object",
                        "propertyNames": { "enum": ["a", "b"] },
                        "additionalProperties": { "$ref": "#/$defs/span" }
                    }
                }
            }
        }
    }"##;

    #[test]
    fn fields_keep_schema_order_and_read_as_types() {
        let markdown = render(SMALL);
        let table = [
            "## Thing\n",
            "| field | type | meaning |",
            "|---|---|---|",
            "| `zeta` | one of `over`, `under` or null | Z \\| or not. |",
            "| `alpha` | string or null | A. |",
            "| `place` | [Span](#span) | Where. |",
            "| `unused` (optional) | [ThingUnused](#thingunused) |  |",
            "| `counts` (optional) | object from key (one of `a`, `b`) to [Span](#span) |  |",
        ]
        .join("\n");
        assert!(markdown.contains(&table), "{markdown}");
        assert!(
            markdown.contains("| `level` (optional) | integer from 1 to 4 |  |"),
            "{markdown}"
        );
        assert!(
            markdown.contains("## Span\n\n**Type:** array of integer ≥ 0, exactly 2 items\n"),
            "{markdown}"
        );
    }

    #[test]
    fn sections_follow_first_reference_objects_before_values() {
        let markdown = render(SMALL);
        let headings: Vec<&str> = markdown.lines().filter(|line| line.starts_with("## ")).collect();
        assert_eq!(headings, ["## Thing", "## ThingUnused", "## Span", "## Unused"]);
        assert!(markdown.starts_with("# Field reference: small\n"));
        assert!(markdown.contains("\n**Type:** [Thing](#thing)\n"));
        assert!(markdown.contains("Objects: [Thing](#thing), [ThingUnused](#thingunused).\n"));
        assert!(markdown.contains("Value types: [Span](#span), [Unused](#unused).\n"));
        assert!(markdown.ends_with("**Type:** string\n"));
    }

    #[test]
    fn a_keyword_the_renderer_does_not_know_is_an_error() {
        let error = serde_json::from_str::<Schema>(r#"{ "type": "string", "format": "date" }"#).unwrap_err();
        assert!(error.to_string().contains("unknown field `format`"), "{error}");
    }

    #[test]
    fn names_are_upper_camel_case() {
        assert_eq!(upper_camel("errorRecord"), "ErrorRecord");
        assert_eq!(upper_camel("page_date"), "PageDate");
        assert_eq!(upper_camel("span"), "Span");
    }
}
