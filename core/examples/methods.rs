//! Prints the declarations of the `TicketsApi` class's methods;
//! `scripts/build-package.sh` writes them into the npm package's `index.d.ts`.

fn main() {
    print!("{}", jifeline_tickets_core::npm::typescript_methods());
}
