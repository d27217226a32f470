//! Configuration of the mock server, and its command-line parsing.

use std::path::PathBuf;

/// Everything the mock server can be configured with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Address to bind (`--host`, default `127.0.0.1`).
    pub host: String,
    /// Port to bind (`--port`, default 8787; 0 picks a free one).
    pub port: u16,
    /// Seed of the generated data (`--seed`, default 1).
    pub seed: u64,
    /// Number of generated tickets (`--tickets`, default 3000).
    pub tickets: usize,
    /// How many of them are in progress (`--in-progress`, default 300).
    pub in_progress: usize,
    /// When set, the only bearer token accepted (`--token`); otherwise any non-empty token.
    pub token: Option<String>,
    /// When set, in-progress endpoints also require `x-api-key` with this value (`--api-key`).
    pub api_key: Option<String>,
    /// OAuth2 client credentials (`--client-id`, `--client-secret`). When set,
    /// `POST /oauth2/token` issues bearer tokens for them, and the API accepts
    /// only tokens it issued that have not expired (and `--token`, if given).
    pub client: Option<(String, String)>,
    /// Lifetime of an issued token in seconds (`--token-lifetime`, default 3600).
    pub token_lifetime: u64,
    /// Directory served at `/` (`--www`).
    pub www: Option<PathBuf>,
    /// Directory served at `/pkg/` (`--pkg`).
    pub pkg: Option<PathBuf>,
    /// Print one line per request on stdout (`--quiet` turns it off).
    pub log_requests: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".to_string(),
            port: 8787,
            seed: 1,
            tickets: 3000,
            in_progress: 300,
            token: None,
            api_key: None,
            client: None,
            token_lifetime: 3600,
            www: None,
            pkg: None,
            log_requests: true,
        }
    }
}

/// The `--help` text.
pub const USAGE: &str = "\
jifeline-mock: a local mock of the Jifeline Partner API v2 tickets endpoints

USAGE: jifeline-mock [OPTIONS]

OPTIONS:
  --host HOST        address to bind (default 127.0.0.1)
  --port PORT        port to bind, 0 picks a free one (default 8787)
  --seed N           seed of the generated data (default 1)
  --tickets N        number of generated tickets (default 3000)
  --in-progress N    how many of them are in progress (default 300)
  --token T          accept only this bearer token (default: any non-empty token)
  --api-key K        require `x-api-key: K` on the in-progress endpoints (default: not required)
  --client-id ID     with --client-secret: issue tokens at POST /oauth2/token (client
  --client-secret S    credentials, RFC 6749 4.4) and accept only issued, unexpired tokens
  --token-lifetime N seconds an issued token is valid (default 3600)
  --www DIR          serve DIR at / (index.html)
  --pkg DIR          serve DIR at /pkg/ (a built npm package; .wasm as application/wasm)
  --quiet            do not print a line per request
  -h, --help         print this help
";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
// Made once at start-up: its size does not matter, and a Box would only add noise.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Run the server with this configuration.
    Run(Config),
    /// Print the usage and exit.
    Help,
}

impl Config {
    /// Parses command-line arguments (without the program name).
    /// Both `--flag value` and `--flag=value` are accepted.
    pub fn from_args<I, S>(args: I) -> Result<Command, String>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut config = Config::default();
        let (mut client_id, mut client_secret) = (None, None);
        let mut args = args.into_iter().map(Into::into);
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
                _ => (arg.clone(), None),
            };
            match flag.as_str() {
                "-h" | "--help" => return Ok(Command::Help),
                "--quiet" => {
                    config.log_requests = false;
                    continue;
                }
                _ => {}
            }
            let mut value = || -> Result<String, String> {
                match inline.clone() {
                    Some(v) => Ok(v),
                    None => args.next().ok_or_else(|| format!("{flag} needs a value")),
                }
            };
            match flag.as_str() {
                "--host" => config.host = value()?,
                "--port" => config.port = parse_num(&flag, &value()?)?,
                "--seed" => config.seed = parse_num(&flag, &value()?)?,
                "--tickets" => config.tickets = parse_num(&flag, &value()?)?,
                "--in-progress" => config.in_progress = parse_num(&flag, &value()?)?,
                "--token" => config.token = Some(non_empty(&flag, value()?)?),
                "--api-key" => config.api_key = Some(non_empty(&flag, value()?)?),
                "--client-id" => client_id = Some(non_empty(&flag, value()?)?),
                "--client-secret" => client_secret = Some(non_empty(&flag, value()?)?),
                "--token-lifetime" => config.token_lifetime = parse_num(&flag, &value()?)?,
                "--www" => config.www = Some(PathBuf::from(value()?)),
                "--pkg" => config.pkg = Some(PathBuf::from(value()?)),
                _ => return Err(format!("unknown argument {arg:?} (see --help)")),
            }
        }
        config.client = match (client_id, client_secret) {
            (Some(id), Some(secret)) => Some((id, secret)),
            (None, None) => None,
            _ => return Err("--client-id and --client-secret go together".to_string()),
        };
        if config.in_progress > config.tickets {
            return Err(format!(
                "--in-progress ({}) cannot exceed --tickets ({})",
                config.in_progress, config.tickets
            ));
        }
        Ok(Command::Run(config))
    }
}

fn parse_num<T: std::str::FromStr>(flag: &str, v: &str) -> Result<T, String> {
    v.parse().map_err(|_| format!("{flag}: not a valid number: {v:?}"))
}

fn non_empty(flag: &str, v: String) -> Result<String, String> {
    if v.is_empty() {
        Err(format!("{flag} must not be empty"))
    } else {
        Ok(v)
    }
}
