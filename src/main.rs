//! The `loopboard` binary: parse the command line, open the store, run a
//! command or the board. Errors are printed once, to stderr, with a non-zero
//! exit.

use clap::{CommandFactory, Parser};
use std::process::ExitCode;

use loopboard::cli::{Cli, Command};
use loopboard::clock::Clock;
use loopboard::store::Store;
use loopboard::tui::{app::App, theme::Theme};
use loopboard::{bet_cmd, commands, paths};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `loopboard list | head` closing the pipe early is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("loopboard: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    if let Some(Command::Completions { shell }) = &cli.command {
        clap_complete::generate(*shell, &mut Cli::command(), "loopboard", &mut std::io::stdout());
        return Ok(());
    }
    if let Some(Command::Config { print_default }) = &cli.command {
        return config_command(*print_default, cli.config.as_deref());
    }
    let loaded = loopboard::config::load(cli.config.as_deref())?;
    let user = loaded.settings.user.clone().unwrap_or_else(paths::current_user);
    let path = match cli.db {
        Some(p) => p,
        None => paths::default_db()?,
    };
    let mut store = Store::open(&path)?;
    let now = Clock::System.now();
    let (mut stdin, mut stdout) = (std::io::stdin(), std::io::stdout().lock());
    match cli.command {
        None => {
            let mut app = App::new(store, Clock::System, user.clone(), Theme::from_env())?;
            app.configure(&loaded)?;
            if let loopboard::tui::Exit::Signal(sig) = loopboard::tui::run(&mut app)? {
                // The terminal is restored; exit as a shell expects after a signal.
                std::process::exit(128 + sig);
            }
            Ok(())
        }
        Some(Command::Add(args)) => commands::add(&mut store, args, &mut stdin, &mut stdout, now),
        Some(Command::List(args)) => commands::list(&store, args, &mut stdout, now),
        Some(Command::Sla) => loopboard::sla_cmd::report(&store, &loaded.settings.policy, &mut stdout, now),
        Some(Command::Bet { action }) => bet_cmd::bet(&mut store, action, &mut stdout, &context(now, &user)),
        Some(Command::Bets(args)) => bet_cmd::bets(&store, args, &mut stdout, &context(now, &user)),
        Some(Command::Hypothesis { action }) => {
            bet_cmd::hypothesis(&mut store, action, &mut stdout, &context(now, &user))
        }
        Some(Command::Demo) => commands::demo(&mut store, &mut stdout, now),
        Some(Command::Export { format: _, out }) => commands::export(&store, out.as_deref(), &mut stdout),
        Some(Command::Import { file }) => commands::import(&mut store, &file, &mut stdin, &mut stdout, now),
        Some(Command::Similar(args)) => loopboard::similar_cmd::similar(&store, args, &mut stdout),
        Some(Command::Themes(args)) => loopboard::themes_cmd::themes(&store, &args, &mut stdout, now),
        Some(Command::Completions { .. } | Command::Config { .. }) => Ok(()),
    }
}

/// The bet commands read and show dates in the local zone and log decisions
/// as the current user.
fn context(now: chrono::DateTime<chrono::Utc>, user: &str) -> bet_cmd::Context {
    bet_cmd::Context {
        now,
        zone: loopboard::timefmt::Zone::Local,
        user: user.to_string(),
    }
}

/// `loopboard config`: print the documented default, or check the config
/// in use (values and key rows) and say which file it is.
fn config_command(print_default: bool, explicit: Option<&std::path::Path>) -> anyhow::Result<()> {
    if print_default {
        print!("{}", loopboard::config::DEFAULT_CONFIG);
        return Ok(());
    }
    let loaded = loopboard::config::load(explicit)?;
    loopboard::tui::keymap::Keymap::with_rows(&loaded.config.keys, &loaded.path, &loaded.text)?;
    println!("{}: ok", loaded.path.display());
    Ok(())
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
