//! The link between the console and the audience window: a `BroadcastChannel` (same origin, same
//! browser, no server) carrying a small typed message as JSON. The console sends the whole
//! [`Session`] on every change; an audience window says hello when it opens and the console answers
//! with the session, so a window opened late catches up at once.

use std::cell::RefCell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};
use yew::prelude::*;

use crate::presenter::session::Session;

/// The channel's name (one session per browser).
pub const CHANNEL: &str = "careflow-presenter";

/// What the windows say to each other.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Message {
    /// An audience window has opened and asks for the session.
    Hello,
    /// The session as the console has it now.
    Session(Session),
}

impl Message {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
    /// Reads a message; anything else on the channel is `None`.
    pub fn from_json(text: &str) -> Option<Message> {
        serde_json::from_str(text).ok()
    }
}

/// An open channel; closed when dropped.
pub struct Channel {
    channel: BroadcastChannel,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

impl Channel {
    /// Opens the channel, passing each message that arrives to `on_message`.
    pub fn open(on_message: Callback<Message>) -> Result<Channel, String> {
        let channel = BroadcastChannel::new(CHANNEL).map_err(|_| {
            "This browser cannot link two windows (no BroadcastChannel).".to_string()
        })?;
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(m) = e.data().as_string().as_deref().and_then(Message::from_json) {
                on_message.emit(m);
            }
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Ok(Channel {
            channel,
            _listener: listener,
        })
    }

    pub fn post(&self, m: &Message) {
        let _ = self.channel.post_message(&JsValue::from_str(&m.to_json()));
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

/// Sends messages on the channel a component opened with [`use_channel`].
#[derive(Clone)]
pub struct Poster(Rc<RefCell<Option<Channel>>>);

impl Poster {
    pub fn post(&self, m: &Message) {
        if let Some(c) = self.0.borrow().as_ref() {
            c.post(m);
        }
    }
}

impl PartialEq for Poster {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Opens the channel for the component's lifetime. Call it before any effect that posts: effects
/// run in the order their hooks are called, so the channel is open by then. Returns the poster and
/// the reason the channel could not open, if it could not.
#[hook]
pub fn use_channel(on_message: Callback<Message>) -> (Poster, Option<String>) {
    let channel = use_mut_ref(|| None::<Channel>);
    let problem = use_state(|| None::<String>);
    {
        let channel = channel.clone();
        let problem = problem.clone();
        use_effect_with((), move |_| {
            match Channel::open(on_message) {
                Ok(c) => *channel.borrow_mut() = Some(c),
                Err(why) => problem.set(Some(why)),
            }
            move || {
                channel.borrow_mut().take();
            }
        });
    }
    (Poster(channel), (*problem).clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presenter::session::Command;

    #[test]
    fn messages_round_trip_and_strangers_are_ignored() {
        let s = Session::default()
            .apply(Command::Next)
            .apply(Command::Reveal);
        for m in [Message::Hello, Message::Session(s)] {
            assert_eq!(Message::from_json(&m.to_json()), Some(m));
        }
        assert_eq!(Message::from_json("{\"other\":1}"), None);
        assert_eq!(Message::from_json("not json"), None);
    }
}
