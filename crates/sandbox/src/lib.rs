//! A simulated Twilio account.
