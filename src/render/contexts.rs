//! Template contexts that already hold what every template of a kind shares (the site's
//! settings, the navigation, the theme's words `t`), lent to one render at a time and
//! given back with only those keys. The theme's words are hundreds of strings: copied into
//! each context afresh (each page and each list entry is one), they made `signpost check`
//! of 10k pages take about a quarter more CPU than without them; lent, under a tenth.

use serde_json::Value;
use std::sync::{Mutex, PoisonError};
use tera::Context;

/// Contexts holding `base`, one lent to each render running at once.
pub(super) struct Contexts {
    base: Context,
    spare: Mutex<Vec<Context>>,
}

impl Contexts {
    pub fn new(base: Context) -> Self {
        Contexts {
            base,
            spare: Mutex::new(Vec::new()),
        }
    }

    /// Calls `f` with a context of the shared keys and those of `own` (an object; a key
    /// the shared ones have is left out, as the shared value wins), then takes `own`'s
    /// keys out again and keeps the context for the next render.
    pub fn with<R>(&self, own: Value, f: impl FnOnce(&Context) -> R) -> R {
        let taken = self
            .spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let mut context = taken.unwrap_or_else(|| self.base.clone());
        let mut map = match own {
            Value::Object(map) => map,
            _ => serde_json::Map::new(),
        };
        map.retain(|key, _| !self.base.contains_key(key));
        let added: Vec<String> = map.keys().cloned().collect();
        // Moved in, not copied: a page's own context can be large.
        context.extend(Context::from_value(Value::Object(map)).unwrap_or_default());
        let out = f(&context);
        for key in &added {
            context.remove(key);
        }
        self.spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(context);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_render_sees_the_shared_keys_and_only_its_own() {
        let mut base = Context::new();
        base.insert("t", &json!({"hello": "Hello"}));
        let contexts = Contexts::new(base);
        let first = contexts.with(json!({"name": "A", "t": "not the words"}), |c| {
            c.clone().into_json()
        });
        assert_eq!(first, json!({"t": {"hello": "Hello"}, "name": "A"}));
        // The context lent next is the same one, without the first render's keys.
        let second = contexts.with(json!({"other": 1}), |c| c.clone().into_json());
        assert_eq!(second, json!({"t": {"hello": "Hello"}, "other": 1}));
        assert_eq!(contexts.spare.lock().unwrap().len(), 1);
        // Renders at once each get a context of their own.
        contexts.with(json!({"a": 1}), |outer| {
            contexts.with(json!({"b": 2}), |inner| {
                assert!(outer.contains_key("a") && !outer.contains_key("b"));
                assert!(inner.contains_key("b") && !inner.contains_key("a"));
            })
        });
        assert_eq!(contexts.spare.lock().unwrap().len(), 2);
    }
}
