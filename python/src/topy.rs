//! Records → Python objects, as `json.loads(text, parse_float=Decimal)`
//! reads the JSON that `zhenggai parse` writes: objects are dicts (keys in
//! the JSON's order), arrays lists, strings `str`, whole numbers `int`,
//! other numbers `decimal.Decimal` of the very digits serde_json prints,
//! null `None`.
//!
//! A serde serializer that builds the objects directly instead of writing
//! JSON text and parsing it back: half the work on the thread that holds
//! the GIL, which in a batch is the one thread all records pass through.
//! The field names of the record's structs are `'static`: each becomes one
//! Python string, shared by every dict of a batch (as `json.loads` shares
//! the keys of one text). The corpus test compares the result with the
//! CLI's JSON read by `json.loads`, record by record.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::IntoPyObjectExt;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString};
use serde::ser::{self, Serialize};

/// The Python strings of `'static` keys (struct field names), by address.
#[derive(Default)]
pub struct Keys(HashMap<(usize, usize), Py<PyString>, BuildHasherDefault<AddressHasher>>);

/// Hashes the address and length of a `'static` key (FxHash's step): a
/// record has a few hundred keys, looked up once each, and SipHash cost a
/// tenth of the conversion.
#[derive(Default)]
pub struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, value: usize) {
        self.write_u64(value as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Keys {
    fn get<'py>(&mut self, py: Python<'py>, key: &'static str) -> Bound<'py, PyString> {
        self.0
            .entry((key.as_ptr() as usize, key.len()))
            .or_insert_with(|| PyString::intern(py, key).unbind())
            .bind(py)
            .clone()
    }
}

/// A conversion failed: a Python error (out of memory, `decimal` missing),
/// or a value JSON cannot hold (a map key that is not a string or number).
#[derive(Debug)]
pub struct Error(PyErr);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Error {
        Error(PyValueError::new_err(message.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(error: PyErr) -> Error {
        Error(error)
    }
}

impl From<Error> for PyErr {
    fn from(error: Error) -> PyErr {
        error.0
    }
}

type Result<T> = std::result::Result<T, Error>;

/// What a conversion needs: the interpreter, the shared keys and, once a
/// fraction is met, `decimal.Decimal`.
pub struct ToPython<'k, 'py> {
    py: Python<'py>,
    keys: &'k mut Keys,
    decimal: Option<Bound<'py, PyAny>>,
}

/// The Python object of `value` (see the module's header).
pub fn to_python<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
    keys: &mut Keys,
) -> PyResult<Bound<'py, PyAny>> {
    let mut context = ToPython {
        py,
        keys,
        decimal: None,
    };
    Ok(value.serialize(&mut context)?)
}

impl<'py> ToPython<'_, 'py> {
    fn none(&self) -> Bound<'py, PyAny> {
        self.py.None().into_bound(self.py)
    }

    fn int<T: IntoPyObject<'py>>(&self, value: T) -> Result<Bound<'py, PyAny>> {
        Ok(value.into_bound_py_any(self.py)?)
    }

    /// A float as `Decimal` of the digits serde_json writes for it (its
    /// shortest round trip); not finite: `None`, as serde_json writes null.
    fn fraction(&mut self, value: f64) -> Result<Bound<'py, PyAny>> {
        if !value.is_finite() {
            return Ok(self.none());
        }
        let digits = serde_json::to_string(&value).map_err(<Error as ser::Error>::custom)?;
        let decimal = match &self.decimal {
            Some(decimal) => decimal,
            None => self.decimal.insert(self.py.import("decimal")?.getattr("Decimal")?),
        };
        Ok(decimal.call1((digits,))?)
    }

    /// `{variant: value}`, serde_json's form of an externally tagged variant.
    fn tagged(&mut self, variant: &'static str, value: Bound<'py, PyAny>) -> Result<Bound<'py, PyAny>> {
        let dict = PyDict::new(self.py);
        dict.set_item(self.keys.get(self.py, variant), value)?;
        Ok(dict.into_any())
    }
}

/// A list being built.
pub struct Seq<'a, 'k, 'py> {
    context: &'a mut ToPython<'k, 'py>,
    items: Vec<Bound<'py, PyAny>>,
    /// The variant of a tuple variant (`{variant: [...]}`).
    variant: Option<&'static str>,
}

impl<'py> Seq<'_, '_, 'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let item = value.serialize(&mut *self.context)?;
        self.items.push(item);
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>> {
        let list = PyList::new(self.context.py, self.items)?.into_any();
        match self.variant {
            Some(variant) => self.context.tagged(variant, list),
            None => Ok(list),
        }
    }
}

/// A dict being built.
pub struct Map<'a, 'k, 'py> {
    context: &'a mut ToPython<'k, 'py>,
    dict: Bound<'py, PyDict>,
    /// The key of a map entry whose value comes next.
    key: Option<Bound<'py, PyAny>>,
    /// The variant of a struct variant (`{variant: {...}}`).
    variant: Option<&'static str>,
}

impl<'py> Map<'_, '_, 'py> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        let key = self.context.keys.get(self.context.py, key);
        let value = value.serialize(&mut *self.context)?;
        self.dict.set_item(key, value)?;
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>> {
        let dict = self.dict.into_any();
        match self.variant {
            Some(variant) => self.context.tagged(variant, dict),
            None => Ok(dict),
        }
    }
}

impl<'a, 'k, 'py> ser::Serializer for &'a mut ToPython<'k, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'a, 'k, 'py>;
    type SerializeTuple = Seq<'a, 'k, 'py>;
    type SerializeTupleStruct = Seq<'a, 'k, 'py>;
    type SerializeTupleVariant = Seq<'a, 'k, 'py>;
    type SerializeMap = Map<'a, 'k, 'py>;
    type SerializeStruct = Map<'a, 'k, 'py>;
    type SerializeStructVariant = Map<'a, 'k, 'py>;

    fn serialize_bool(self, value: bool) -> Result<Self::Ok> {
        Ok(PyBool::new(self.py, value).to_owned().into_any())
    }

    fn serialize_i8(self, value: i8) -> Result<Self::Ok> {
        self.int(value)
    }

    fn serialize_i16(self, value: i16) -> Result<Self::Ok> {
        self.int(value)
    }

    fn serialize_i32(self, value: i32) -> Result<Self::Ok> {
        self.int(value)
    }

    fn serialize_i64(self, value: i64) -> Result<Self::Ok> {
        self.int(value)
    }

    fn serialize_i128(self, value: i128) -> Result<Self::Ok> {
        self.int(value)
    }

    fn serialize_u8(self, value: u8) -> Result<Self::Ok> {
        self.int(value)
    }

    fn serialize_u16(self, value: u16) -> Result<Self::Ok> {
        self.int(value)
    }

    fn serialize_u32(self, value: u32) -> Result<Self::Ok> {
        self.int(value)
    }

    fn serialize_u64(self, value: u64) -> Result<Self::Ok> {
        self.int(value)
    }

    fn serialize_u128(self, value: u128) -> Result<Self::Ok> {
        self.int(value)
    }

    fn serialize_f32(self, value: f32) -> Result<Self::Ok> {
        self.fraction(f64::from(value))
    }

    fn serialize_f64(self, value: f64) -> Result<Self::Ok> {
        self.fraction(value)
    }

    fn serialize_char(self, value: char) -> Result<Self::Ok> {
        Ok(PyString::new(self.py, value.encode_utf8(&mut [0; 4])).into_any())
    }

    fn serialize_str(self, value: &str) -> Result<Self::Ok> {
        Ok(PyString::new(self.py, value).into_any())
    }

    /// A list of byte values, as serde_json writes bytes.
    fn serialize_bytes(self, value: &[u8]) -> Result<Self::Ok> {
        Ok(PyList::new(self.py, value)?.into_any())
    }

    fn serialize_none(self) -> Result<Self::Ok> {
        Ok(self.none())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Self::Ok> {
        Ok(self.none())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok> {
        Ok(self.none())
    }

    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<Self::Ok> {
        Ok(self.keys.get(self.py, variant).into_any())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        let value = value.serialize(&mut *self)?;
        self.tagged(variant, value)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq> {
        Ok(Seq {
            context: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant: None,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self::SerializeTupleStruct> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Ok(Seq {
            context: self,
            items: Vec::with_capacity(len),
            variant: Some(variant),
        })
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        let dict = PyDict::new(self.py);
        Ok(Map {
            context: self,
            dict,
            key: None,
            variant: None,
        })
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Self::SerializeStruct> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        let dict = PyDict::new(self.py);
        Ok(Map {
            context: self,
            dict,
            key: None,
            variant: Some(variant),
        })
    }
}

impl<'py> ser::SerializeSeq for Seq<'_, '_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for Seq<'_, '_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'_, '_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleVariant for Seq<'_, '_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeMap for Map<'_, '_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    /// A key: a string (the record's maps are keyed by text).
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        let key = key.serialize(&mut *self.context)?;
        if !key.is_instance_of::<PyString>() {
            return Err(ser::Error::custom("a map key must be a string"));
        }
        self.key = Some(key);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let Some(key) = self.key.take() else {
            return Err(ser::Error::custom("a map value without its key"));
        };
        let value = value.serialize(&mut *self.context)?;
        self.dict.set_item(key, value)?;
        Ok(())
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for Map<'_, '_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.field(key, value)
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for Map<'_, '_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.field(key, value)
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}
