//! Turning dynamically decoded event fields ([`scale_value`]) into JSON, and reading typed
//! fields back out of that JSON.
//!
//! Rules (the metadata tells the decoder the shape, not the meaning, of a field):
//! - named fields become an object; a variant without fields becomes its name (`"QuorumNotMet"`);
//!   `Some(x)` becomes `x` and `None` `null`; another variant with fields becomes
//!   `{"Name": fields}` (`Scope::Community(3)` → `{"Community": 3}`);
//! - a composite with one unnamed field (a newtype such as `Permill(u32)`) becomes its field;
//! - a sequence of byte-sized numbers becomes a string: `0x…` hex when it is 32 bytes long
//!   (account ids, hashes), its text when it is valid UTF-8 without control characters (names,
//!   reasons), `0x…` hex otherwise; an empty sequence becomes `[]`;
//! - integers that fit in 53 bits become JSON numbers, larger ones decimal strings.

use serde_json::{Map, Number, Value as Json};
use subxt::ext::scale_value::{Composite, Primitive, Value, ValueDef};
use subxt::utils::AccountId32;

/// The largest integer a JSON number carries exactly in JavaScript (2^53 - 1).
const MAX_SAFE_INTEGER: u128 = (1 << 53) - 1;

/// A field of an event is missing or not of the expected shape.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FieldError {
	/// The field is absent.
	#[error("field `{0}` is missing")]
	Missing(String),
	/// The field is present but of another type.
	#[error("field `{field}` is not {expected}: {found}")]
	WrongType {
		/// The field's name.
		field: String,
		/// What was expected.
		expected: &'static str,
		/// What was found (JSON).
		found: String,
	},
}

/// Converts the decoded fields of an event into JSON (an object for named fields).
pub fn composite_to_json<T>(composite: &Composite<T>) -> Json {
	match composite {
		Composite::Named(fields) => {
			let mut map = Map::new();
			for (name, value) in fields {
				map.insert(name.clone(), value_to_json(value));
			}
			Json::Object(map)
		},
		Composite::Unnamed(values) => unnamed_to_json(values),
	}
}

/// Converts one decoded value into JSON.
pub fn value_to_json<T>(value: &Value<T>) -> Json {
	match &value.value {
		ValueDef::Composite(c) => composite_to_json(c),
		ValueDef::Variant(v) => match (v.name.as_str(), &v.values) {
			("None", c) if composite_is_empty(c) => Json::Null,
			("Some", Composite::Unnamed(vals)) if vals.len() == 1 => value_to_json(&vals[0]),
			(name, c) if composite_is_empty(c) => Json::String(name.to_string()),
			(name, c) => {
				let mut map = Map::new();
				map.insert(name.to_string(), composite_to_json(c));
				Json::Object(map)
			},
		},
		ValueDef::BitSequence(bits) => {
			Json::String(bits.iter().map(|b| if b { '1' } else { '0' }).collect())
		},
		ValueDef::Primitive(p) => primitive_to_json(p),
	}
}

fn composite_is_empty<T>(c: &Composite<T>) -> bool {
	match c {
		Composite::Named(f) => f.is_empty(),
		Composite::Unnamed(v) => v.is_empty(),
	}
}

fn unnamed_to_json<T>(values: &[Value<T>]) -> Json {
	if values.len() == 1 {
		return value_to_json(&values[0]);
	}
	if !values.is_empty() {
		let bytes: Option<Vec<u8>> = values.iter().map(as_byte).collect();
		if let Some(bytes) = bytes {
			return bytes_to_json(&bytes);
		}
	}
	Json::Array(values.iter().map(value_to_json).collect())
}

fn as_byte<T>(value: &Value<T>) -> Option<u8> {
	match &value.value {
		ValueDef::Primitive(Primitive::U128(n)) => u8::try_from(*n).ok(),
		_ => None,
	}
}

/// Bytes as JSON text: hex for 32 bytes, else UTF-8 text if printable, else hex.
pub fn bytes_to_json(bytes: &[u8]) -> Json {
	if bytes.len() != 32 {
		if let Ok(text) = std::str::from_utf8(bytes) {
			if !text.chars().any(char::is_control) {
				return Json::String(text.to_string());
			}
		}
	}
	Json::String(format!("0x{}", hex::encode(bytes)))
}

fn primitive_to_json(p: &Primitive) -> Json {
	match p {
		Primitive::Bool(b) => Json::Bool(*b),
		Primitive::Char(c) => Json::String(c.to_string()),
		Primitive::String(s) => Json::String(s.clone()),
		Primitive::U128(n) if *n <= MAX_SAFE_INTEGER => Json::Number(Number::from(*n as u64)),
		Primitive::U128(n) => Json::String(n.to_string()),
		Primitive::I128(n) if n.unsigned_abs() <= MAX_SAFE_INTEGER => {
			Json::Number(Number::from(*n as i64))
		},
		Primitive::I128(n) => Json::String(n.to_string()),
		Primitive::U256(b) | Primitive::I256(b) => Json::String(format!("0x{}", hex::encode(b))),
	}
}

/// The SS58 address (prefix 42, Gongzhi's `SS58Prefix`) of a 32-byte account id.
pub fn ss58(account: [u8; 32]) -> String {
	AccountId32(account).to_string()
}

/// Parses an account given as an SS58 address or as 32 bytes of `0x` hex into its SS58 form
/// (prefix 42); `None` if it is neither.
pub fn normalize_account(text: &str) -> Option<String> {
	let text = text.trim();
	if let Some(hex_part) = text.strip_prefix("0x") {
		let bytes = hex::decode(hex_part).ok()?;
		let array: [u8; 32] = bytes.try_into().ok()?;
		return Some(ss58(array));
	}
	let account: AccountId32 = text.parse().ok()?;
	Some(ss58(account.0))
}

/// Typed reads of an event's JSON fields.
pub struct Fields<'a>(pub &'a Json);

impl<'a> Fields<'a> {
	fn get(&self, name: &str) -> Result<&'a Json, FieldError> {
		self.0.get(name).ok_or_else(|| FieldError::Missing(name.to_string()))
	}

	fn wrong(name: &str, expected: &'static str, found: &Json) -> FieldError {
		FieldError::WrongType { field: name.to_string(), expected, found: found.to_string() }
	}

	/// An integer field (JSON number or decimal string) that fits in an `i64`.
	pub fn int(&self, name: &str) -> Result<i64, FieldError> {
		let v = self.get(name)?;
		json_int(v).ok_or_else(|| Self::wrong(name, "an integer", v))
	}

	/// An unsigned integer of any size (balances are `u128`) as its decimal text.
	pub fn decimal(&self, name: &str) -> Result<String, FieldError> {
		match self.get(name)? {
			Json::Number(n) if n.is_u64() => Ok(n.to_string()),
			Json::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
				Ok(s.clone())
			},
			v => Err(Self::wrong(name, "an unsigned integer", v)),
		}
	}

	/// An optional integer field (`null` → `None`).
	pub fn opt_int(&self, name: &str) -> Result<Option<i64>, FieldError> {
		match self.get(name)? {
			Json::Null => Ok(None),
			v => json_int(v).map(Some).ok_or_else(|| Self::wrong(name, "an integer", v)),
		}
	}

	/// A boolean field, as 0 or 1.
	pub fn flag(&self, name: &str) -> Result<i64, FieldError> {
		match self.get(name)? {
			Json::Bool(b) => Ok(i64::from(*b)),
			v => Err(Self::wrong(name, "a boolean", v)),
		}
	}

	/// A text field (names, reasons, hashes in hex); an empty byte list is "".
	pub fn text(&self, name: &str) -> Result<String, FieldError> {
		match self.get(name)? {
			Json::String(s) => Ok(s.clone()),
			Json::Array(a) if a.is_empty() => Ok(String::new()),
			v => Err(Self::wrong(name, "text", v)),
		}
	}

	/// An optional text field (`null` → `None`).
	pub fn opt_text(&self, name: &str) -> Result<Option<String>, FieldError> {
		match self.get(name)? {
			Json::Null => Ok(None),
			_ => self.text(name).map(Some),
		}
	}

	/// An account field (32 bytes of hex) as its SS58 address.
	pub fn account(&self, name: &str) -> Result<String, FieldError> {
		let v = self.get(name)?;
		v.as_str()
			.filter(|s| s.starts_with("0x"))
			.and_then(normalize_account)
			.ok_or_else(|| Self::wrong(name, "an account id", v))
	}

	/// An optional account field.
	pub fn opt_account(&self, name: &str) -> Result<Option<String>, FieldError> {
		match self.get(name)? {
			Json::Null => Ok(None),
			_ => self.account(name).map(Some),
		}
	}

	/// A field holding a variant without fields (`"Entitlement"`), as its name.
	pub fn unit_variant(&self, name: &str) -> Result<String, FieldError> {
		match self.get(name)? {
			Json::String(s) => Ok(s.clone()),
			v => Err(Self::wrong(name, "a variant name", v)),
		}
	}

	/// A field holding a variant with one field (`{"Community": 3}`), as (name, number).
	pub fn tagged_int(&self, name: &str) -> Result<(String, i64), FieldError> {
		let v = self.get(name)?;
		match v {
			Json::Object(map) if map.len() == 1 => {
				let (tag, inner) =
					map.iter().next().ok_or_else(|| Self::wrong(name, "a variant", v))?;
				let n = json_int(inner)
					.ok_or_else(|| Self::wrong(name, "a variant of an integer", v))?;
				Ok((tag.clone(), n))
			},
			_ => Err(Self::wrong(name, "a variant of an integer", v)),
		}
	}
}

fn json_int(v: &Json) -> Option<i64> {
	match v {
		Json::Number(n) => n.as_i64(),
		Json::String(s) => s.parse().ok(),
		_ => None,
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::json;

	fn account_value(byte: u8) -> Value<()> {
		// AccountId32([u8; 32]): a newtype around an array.
		Value::unnamed_composite([Value::from_bytes([byte; 32])])
	}

	#[test]
	fn event_fields_become_json() {
		let fields = Composite::Named(vec![
			("project".into(), Value::u128(7)),
			("scope".into(), Value::unnamed_variant("Community", [Value::u128(3)])),
			("provider".into(), account_value(1)),
			("reason".into(), Value::from_bytes("资质不符 unqualified".as_bytes())),
			("previous".into(), Value::unnamed_variant("None", [])),
			("relayer".into(), Value::unnamed_variant("Some", [account_value(2)])),
			("outcome".into(), Value::unnamed_variant("QuorumNotMet", [])),
			("turnout".into(), Value::unnamed_composite([Value::u128(250_000)])),
			("late".into(), Value::bool(true)),
			("deposit".into(), Value::u128(u128::MAX)),
			("empty".into(), Value::unnamed_composite([])),
		]);
		let j = composite_to_json(&fields);
		assert_eq!(j["project"], json!(7));
		assert_eq!(j["scope"], json!({"Community": 3}));
		assert_eq!(j["provider"], json!(format!("0x{}", "01".repeat(32))));
		assert_eq!(j["reason"], json!("资质不符 unqualified"));
		assert_eq!(j["previous"], Json::Null);
		assert_eq!(j["relayer"], json!(format!("0x{}", "02".repeat(32))));
		assert_eq!(j["outcome"], json!("QuorumNotMet"));
		assert_eq!(j["turnout"], json!(250_000));
		assert_eq!(j["late"], json!(true));
		assert_eq!(j["deposit"], json!(u128::MAX.to_string()));
		assert_eq!(j["empty"], json!([]));

		let f = Fields(&j);
		assert_eq!(f.int("project"), Ok(7));
		assert_eq!(f.tagged_int("scope"), Ok(("Community".into(), 3)));
		assert_eq!(f.account("provider"), Ok(ss58([1; 32])));
		assert_eq!(f.opt_int("previous"), Ok(None));
		assert_eq!(f.opt_account("relayer"), Ok(Some(ss58([2; 32]))));
		assert_eq!(f.flag("late"), Ok(1));
		assert_eq!(f.text("empty"), Ok(String::new()));
		assert!(matches!(f.int("reason"), Err(FieldError::WrongType { .. })));
		assert!(matches!(f.int("nope"), Err(FieldError::Missing(_))));
	}

	#[test]
	fn binary_bytes_are_hex() {
		assert_eq!(bytes_to_json(&[0, 1, 0xff]), json!("0x0001ff"));
		assert_eq!(bytes_to_json(b"abc"), json!("abc"));
	}

	#[test]
	fn accounts_normalize_from_hex_and_ss58() {
		// Alice's well-known dev account.
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let hex = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
		assert_eq!(normalize_account(hex).as_deref(), Some(alice));
		assert_eq!(normalize_account(alice).as_deref(), Some(alice));
		assert_eq!(normalize_account("not an account"), None);
		assert_eq!(normalize_account("0x1234"), None);
	}
}
