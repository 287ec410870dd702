//! Typed Twilio REST client.
