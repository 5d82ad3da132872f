//! Exact numbers of the record: values, sums and their parts.

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An exact number: serialises as a JSON integer when it is whole
/// (28640000000, not 2.864e10 or 28639999999.999996) and otherwise as the
/// shortest JSON number that reads back as the same decimal (0.5, 95.2).
/// Reads back from what it writes to the same decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Number(pub Decimal);

impl Number {
    /// The decimal a float prints as (its shortest round-trip digits), for
    /// values read back from JSON; NaN and infinities are 0.
    pub fn from_f64(value: f64) -> Number {
        Number(value.to_string().parse().unwrap_or_default())
    }

    /// The value as a float, for arithmetic that needs no exactness.
    pub fn as_f64(self) -> f64 {
        self.0.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl fmt::Display for Number {
    /// The decimal's digits without trailing zeros (665700, 87.5).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.normalize(), f)
    }
}

impl From<i64> for Number {
    fn from(value: i64) -> Self {
        Number(Decimal::from(value))
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.0.normalize();
        if value.scale() == 0
            && let Ok(whole) = i64::try_from(value.mantissa())
        {
            return serializer.serialize_i64(whole);
        }
        // The decimal's digits read as the nearest float, which prints back
        // as those digits (the shortest round trip) for up to 15 significant
        // digits; no notice writes more.
        serializer.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Takes a JSON number of any representation.
        struct NumberVisitor;

        impl Visitor<'_> for NumberVisitor {
            type Value = Number;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a number")
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Number, E> {
                Ok(Number::from(value))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Number, E> {
                Ok(Number(Decimal::from(value)))
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Number, E> {
                if value.is_finite() {
                    Ok(Number::from_f64(value))
                } else {
                    Err(E::custom("a number must be finite"))
                }
            }
        }

        deserializer.deserialize_any(NumberVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_serialise_exactly_and_read_back() {
        let json = |written: &str| {
            let value = crate::numeral::parse(written).unwrap();
            let text = serde_json::to_string(&Number(value)).unwrap();
            let back: Number = serde_json::from_str(&text).unwrap();
            assert_eq!(back.0, value.normalize(), "{written} read back from {text}");
            text
        };
        assert_eq!(json("3"), "3");
        assert_eq!(json("400万"), "4000000");
        assert_eq!(json("66.57万"), "665700");
        assert_eq!(json("286.4亿"), "28640000000");
        assert_eq!(json("68.4亿"), "6840000000");
        assert_eq!(json("87.5"), "87.5");
        assert_eq!(json("7.132"), "7.132");
        assert_eq!(json("0.5"), "0.5");
        assert_eq!(json("95.2"), "95.2");
        assert_eq!(json("七十七点八"), "77.8");
        assert_eq!(json("3.10"), "3.1");
    }
}
