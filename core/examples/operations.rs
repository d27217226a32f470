//! Prints the npm package's table of the class's methods (`operations.js`);
//! `scripts/build-package.sh` writes it.

fn main() {
    print!("{}", jifeline_tickets_core::npm::javascript_operations());
}
