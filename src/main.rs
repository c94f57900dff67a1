//! The `loopboard` binary: parse the command line, open the store, run a
//! command or the board. Errors are printed once, to stderr, with a non-zero
//! exit.

use clap::{CommandFactory, Parser};
use std::io::IsTerminal;
use std::process::ExitCode;

use loopboard::cli::{Cli, Command, CustomerCommand};
use loopboard::clock::Clock;
use loopboard::config::Loaded;
use loopboard::store::Store;
use loopboard::tui::{app::App, theme::Theme};
use loopboard::{bet_cmd, commands, maintenance, paths};

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
    if let Some(command) = cli.command.as_ref().filter(|c| maintenance::handles(c)) {
        if !maintenance::run(command, &path, &mut std::io::stdout().lock())? {
            std::process::exit(1); // The doctor's report says why.
        }
        return Ok(());
    }
    let mut store = match Store::open(&path) {
        Ok(store) => store,
        Err(e) if e.is_damaged() && cli.command.is_none() => return recover(&path, e, &loaded, &user),
        Err(e) => return Err(maintenance::explain(e.into(), &path)),
    };
    let now = Clock::System.now();
    let (mut stdin, mut stdout) = (std::io::stdin(), std::io::stdout().lock());
    let result = match cli.command {
        None => return board(store, &path, &loaded, &user),
        Some(Command::Add(args)) => commands::add(&mut store, args, &mut stdin, &mut stdout, now),
        Some(Command::List(args)) => commands::list(&store, args, &mut stdout, now),
        Some(Command::Sla) => loopboard::sla_cmd::report(&store, &loaded.settings.policy, &mut stdout, now),
        Some(Command::Bet { action }) => bet_cmd::bet(&mut store, action, &mut stdout, &context(now, &user)),
        Some(Command::Bets(args)) => bet_cmd::bets(&store, args, &mut stdout, &context(now, &user)),
        Some(Command::Hypothesis { action }) => {
            bet_cmd::hypothesis(&mut store, action, &mut stdout, &context(now, &user))
        }
        Some(Command::Demo) => commands::demo(&mut store, &mut stdout, now),
        Some(Command::Export { format, out, json }) => {
            loopboard::tracker_export::export(&store, format, json, out.as_deref(), &mut stdout, now)
        }
        Some(Command::Similar(args)) => loopboard::similar_cmd::similar(&store, args, &mut stdout),
        Some(Command::Themes(args)) => loopboard::themes_cmd::themes(&store, &args, &mut stdout, now),
        Some(Command::Import(args)) => {
            let bar = std::io::stderr().is_terminal();
            commands::import(&mut store, args, Box::new(stdin), &mut stdout, bar, now)
        }
        Some(Command::Customer(CustomerCommand::Set(args))) => commands::customer_set(&mut store, args, &mut stdout),
        Some(Command::Customer(CustomerCommand::List)) => commands::customer_list(&store, &mut stdout),
        Some(Command::Decisions(args)) => {
            loopboard::decisions_cmd::decisions(&store, &args, &mut stdout, loopboard::timefmt::Zone::Local)
        }
        Some(Command::Decide(args)) => {
            loopboard::decisions_cmd::decide(&mut store, args, &mut stdout, &context(now, &user))
        }
        Some(Command::Report(args)) => {
            loopboard::report_cmd::report(&store, &args, &mut stdout, now, loopboard::timefmt::Zone::Local)
        }
        Some(Command::Completions { .. } | Command::Config { .. }) => Ok(()),
        Some(Command::Backup { .. } | Command::Restore { .. } | Command::Doctor) => Ok(()),
    };
    // The daily backup follows a command that read the database without
    // finding damage, never precedes it.
    result
        .and_then(|()| Ok(store.daily_backup()?))
        .map_err(|e| maintenance::explain(e, &path))
}

/// Runs the board; a damaged database shows the recovery screen instead.
fn board(store: Store, path: &std::path::Path, loaded: &Loaded, user: &str) -> anyhow::Result<()> {
    let mut app = match App::new(store, Clock::System, user.to_string(), Theme::from_env()) {
        Ok(app) => app,
        Err(e) if e.is_damaged() => return recover(path, e, loaded, user),
        Err(e) => return Err(e.into()),
    };
    app.configure(loaded)?;
    // Only once the board has loaded: a damaged file never becomes the
    // newest backup.
    match app.store().daily_backup() {
        Err(e) if e.is_damaged() => return recover(path, e, loaded, user),
        _ => {}
    }
    if let loopboard::tui::Exit::Signal(sig) = loopboard::tui::run(&mut app)? {
        // The terminal is restored; exit as a shell expects after a signal.
        std::process::exit(128 + sig);
    }
    Ok(())
}

/// The recovery screen; after a restore, the board opens on the restored file.
fn recover(
    path: &std::path::Path,
    problem: loopboard::store::StoreError,
    loaded: &Loaded,
    user: &str,
) -> anyhow::Result<()> {
    use loopboard::tui::recovery::{self, Outcome};
    match recovery::run(path, &problem)? {
        Outcome::Restored => board(Store::open(path)?, path, loaded, user),
        Outcome::Quit => Err(maintenance::explain(problem.into(), path)),
        Outcome::Signal(sig) => std::process::exit(128 + sig),
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
