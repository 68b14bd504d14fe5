//! A document as JSON: its documented document when it has one, else its
//! tables, each row an object keyed by the columns' stable keys.

use serde_json::{Map, Value, json};

use crate::output::{Cell, Doc, json_text};

fn value(cell: &Cell) -> Value {
    match cell {
        Cell::Text(t) | Cell::Code(t) => json!(t),
        Cell::Count(n) => json!(n),
        Cell::Money(m) => serde_json::to_value(m).unwrap_or(Value::Null),
        Cell::Percent(t) => json!(*t as f64 / 10.0),
        Cell::Change(t) => json!(*t as f64 / 10.0),
        Cell::Ratio(h) => json!(*h as f64 / 100.0),
        Cell::Decimal(d) => json!(d),
        Cell::Fraction(a, b) => json!([a, b]),
        Cell::Year(y) => json!(y),
        Cell::AtLeast(inner) => value(inner),
        Cell::Unknown | Cell::Empty => Value::Null,
    }
}

pub fn render(doc: &Doc) -> String {
    if let Some(document) = &doc.json {
        return json_text(document);
    }
    let mut out = Map::new();
    out.insert("version".to_owned(), json!(1));
    for table in doc.data_tables() {
        let rows: Vec<Value> = table
            .rows
            .iter()
            .map(|row| {
                Value::Object(
                    table
                        .columns
                        .iter()
                        .zip(row)
                        .map(|(c, cell)| (c.key.clone(), value(cell)))
                        .collect(),
                )
            })
            .collect();
        out.insert(table.name.clone(), Value::Array(rows));
    }
    json_text(&Value::Object(out))
}
