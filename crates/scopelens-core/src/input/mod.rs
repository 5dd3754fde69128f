//! Reading pasted text: find the payload, whatever it is wrapped in, and
//! decide what kind of payload it is.

pub mod lenient;
