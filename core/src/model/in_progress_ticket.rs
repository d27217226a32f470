resource! {
    /// An 'In Progress' ticket is a ticket that is joined by an operator and is
    /// marked as currently being worked on.
    InProgressTicket {
        /// Ticket identifier.
        id: Uuid,
        /// Date and time of creation.
        created_at: DateTime,
        /// Identifier of the customer for whom the ticket was created.
        customer_id: Uuid,
        /// Human-readable ticket identifier.
        ticket_number: SafeInt,
        /// Identifier of the vehicle model on the ticket.
        vehicle_model_id: SafeInt,
        /// Vehicle Identification Number (VIN) of the vehicle on the ticket (17 characters).
        vin: Text,
        /// Date and time service started on this ticket.
        service_started_at: DateTime,
        /// Identifier of the assigned operator.
        operator_id: Uuid,
        /// Voucher code (4 to 8 characters of `[A-Z0-9]`).
        voucher_code: Nullable<Text>,
        /// Reflects whether a ticket has been outsourced at least once to another provider.
        outsourced: Bool,
        /// Identifier of the connection.
        connection_id: Nullable<Uuid>,
    }
}
