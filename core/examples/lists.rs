//! Prints the runtime lists of the npm package (`lists.js`: the known ticket
//! states and the sortable fields); `scripts/build-package.sh` writes them.

fn main() {
    print!("{}", jifeline_tickets_core::npm::javascript_lists());
}
