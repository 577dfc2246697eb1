//! A fingerprint of what a screen is drawn from: a 64-bit hash of a value's saved form
//! (serde), to tell in one pass, without keeping a copy to compare, whether anything in it
//! changed since the screen laid it out.
//!
//! Every field that is saved counts, so a field added to the session later counts too. It
//! is a change detector, not a checksum against an adversary: any one 8-byte word that
//! differs (with the same shape around it) always gives another fingerprint, since every
//! step of the mixing is a bijection of the state; two changes could cancel out with a
//! chance of about one in 2^64.

use std::fmt;

use serde::Serialize;
use serde::ser::{self, SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant};
use serde::ser::{SerializeTuple, SerializeTupleStruct, SerializeTupleVariant};

/// The fingerprint of `value` as serde serializes it, or None when it cannot be serialized
/// (then anything drawn from it must be taken as changed).
pub fn of<T: Serialize + ?Sized>(value: &T) -> Option<u64> {
    let mut hasher = Hasher(SEED);
    value.serialize(&mut hasher).ok()?;
    Some(hasher.0)
}

const SEED: u64 = 0x243f_6a88_85a3_08d3;
/// An odd multiplier with well-spread bits (FxHash's): multiplying by it is a bijection.
const K: u64 = 0x517c_c1b7_2722_0a95;
/// Ends a sequence or map, so that where one ends and the next begins is part of the hash.
const END: u64 = 0xe7d0_3f1c_5a96_b284;

fn mix(state: u64, word: u64) -> u64 {
    (state.rotate_left(5) ^ word).wrapping_mul(K)
}

fn word_of(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word[..bytes.len()].copy_from_slice(bytes);
    u64::from_le_bytes(word)
}

struct Hasher(u64);

impl Hasher {
    fn word(&mut self, word: u64) {
        self.0 = mix(self.0, word);
    }

    /// The length, then the bytes eight at a time. Long texts (answers, notes) go through
    /// four independent lanes, which the processor runs side by side.
    fn bytes(&mut self, bytes: &[u8]) {
        self.word(bytes.len() as u64);
        let mut blocks = bytes.chunks_exact(32);
        if bytes.len() >= 32 {
            let mut lanes = [self.0, self.0 ^ 1, self.0 ^ 2, self.0 ^ 3];
            for block in &mut blocks {
                for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
                    *lane = mix(*lane, word_of(word));
                }
            }
            for lane in lanes {
                self.word(lane);
            }
        }
        for word in blocks.remainder().chunks(8) {
            self.word(word_of(word));
        }
    }
}

/// Dates and other values serde writes with `Display` go straight in, without a string.
impl fmt::Write for Hasher {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.bytes(s.as_bytes());
        Ok(())
    }
}

/// What a `Serialize` implementation may report; the session's never do.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

type Done = Result<(), Error>;

impl ser::Serializer for &mut Hasher {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Done {
        self.word(u64::from(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Done {
        self.word(v as u64);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Done {
        self.word(v as u64);
        self.word((v >> 64) as u64);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.word(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Done {
        self.word(v as u64);
        self.word((v >> 64) as u64);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.word(v.to_bits());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.word(u64::from(v));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.bytes(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.bytes(v);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.word(0);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        self.word(1);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.word(2);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, index: u32, _variant: &str) -> Done {
        self.serialize_u32(index)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Done {
        self.word(u64::from(index));
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Error> {
        Ok(self)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self, Error> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self, Error> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self, Error> {
        self.word(u64::from(index));
        Ok(self)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Error> {
        Ok(self)
    }
    /// `len` counts the fields written (serde leaves out the skipped ones), so a field that
    /// appears or goes changes the fingerprint even where the values would run on alike.
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Self, Error> {
        self.word(len as u64);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Self, Error> {
        self.word(u64::from(index));
        self.word(len as u64);
        Ok(self)
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Done {
        fmt::Write::write_fmt(self, format_args!("{value}")).map_err(ser::Error::custom)?;
        self.word(END);
        Ok(())
    }
}

/// Sequences, tuples and structs: each element or field's value goes in (a struct's field
/// names are the same every time), then a mark of the end.
macro_rules! compound {
    ($($trait:ident :: $method:ident ($($key:ty)?)),* $(,)?) => {$(
        impl $trait for &mut Hasher {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, $(_: $key,)? value: &T) -> Done {
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.word(END);
                Ok(())
            }
        }
    )*};
}

compound!(
    SerializeSeq::serialize_element(),
    SerializeTuple::serialize_element(),
    SerializeTupleStruct::serialize_field(),
    SerializeTupleVariant::serialize_field(),
    SerializeStruct::serialize_field(&'static str),
    SerializeStructVariant::serialize_field(&'static str),
);

impl SerializeMap for &mut Hasher {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.word(END);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Clone)]
    struct Item {
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<u32>,
        tags: Vec<String>,
    }

    fn item(text: &str) -> Item {
        Item {
            text: text.into(),
            at: None,
            tags: vec!["a".into()],
        }
    }

    #[test]
    fn the_same_value_has_the_same_fingerprint() {
        let items = vec![item("緩和ケアは今から受けられますか"), item("b")];
        assert_eq!(of(&items), of(&items.clone()));
    }

    #[test]
    fn any_change_gives_another_fingerprint() {
        let long = "治療中も仕事を続けたいという希望があり、週に三日は出勤したい。".repeat(4);
        let base = vec![item(&long), item("b")];
        let fingerprint = of(&base);
        let changed = |change: &dyn Fn(&mut Vec<Item>)| {
            let mut other = base.clone();
            change(&mut other);
            of(&other)
        };
        // One character replaced by another of the same length, in a long text (the
        // lanes) and at its end (the last word).
        assert_ne!(
            changed(&|v| v[0].text = long.replacen("週", "月", 1)),
            fingerprint
        );
        assert_ne!(
            changed(&|v| v[0].text = long.replacen("。", "！", 4)),
            fingerprint
        );
        assert_ne!(changed(&|v| v[1].text = "c".into()), fingerprint);
        // A field that appears, text moved from one item to the next, an element more.
        assert_ne!(changed(&|v| v[1].at = Some(0)), fingerprint);
        assert_ne!(
            changed(&|v| {
                v[0].text.push('b');
                v[1].text.clear();
            }),
            fingerprint
        );
        assert_ne!(changed(&|v| v[1].tags.push(String::new())), fingerprint);
        assert_ne!(changed(&|v| v.push(item(""))), fingerprint);
    }
}
