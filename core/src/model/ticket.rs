resource! {
    /// Tickets describe the requests to execute services on a vehicle for your customers.
    Ticket {
        /// Ticket identifier.
        id: Uuid,
        /// Date and time the ticket was joined by the first operator.
        assigned_at: Nullable<DateTime>,
        /// Reference to a cancel reason. Only present for tickets in the cancelled state.
        cancel_reason_id: Nullable<Int32>,
        /// Identifier of the connection.
        connection_id: Nullable<Uuid>,
        /// Date and time of creation.
        created_at: DateTime,
        /// Identifier for the ticket messenger channel with the customer. This will
        /// not be set for tickets in the 'prepared' state.
        customer_channel_id: Nullable<Uuid>,
        /// Identifier of the connector that is used by the customer for whom the initial ticket was created.
        customer_connector_id: Nullable<Uuid>,
        /// Identifier of the customer for whom the ticket was created.
        customer_id: Nullable<Uuid>,
        /// Reference added by the customer (0 to 255 characters).
        customer_reference: Reference,
        /// Reference of this ticket to something in an external system. This
        /// property value is never changed from within the Jifeline system.
        external_reference: Text,
        /// Whether this ticket has been processed by an external system. This
        /// property value is never changed from within the Jifeline system.
        externally_processed: Bool,
        /// Date and time the ticket was finished at. Only present for tickets in the cancelled or closed states.
        finished_at: Nullable<DateTime>,
        /// Identifier for the ticket messenger channel with the operator of the
        /// partnered provider that outsourced this ticket to you. Null when the
        /// ticket was created by a customer.
        operator_channel_id: Nullable<Uuid>,
        /// Identifier of the assigned operator. Set when the ticket currently is or
        /// has been in state "in_progress".
        operator_id: Nullable<Uuid>,
        /// Reference added by the operator (0 to 255 characters).
        operator_reference: Reference,
        /// Reflects whether a ticket has been outsourced at least once to another provider.
        outsourced: Bool,
        /// The identifier of the provider that was the source of this ticket: the
        /// provider that insourced it, otherwise your own provider identifier.
        source_provider_id: Uuid,
        /// The current activity of the ticket.
        state: State,
        /// Human-readable ticket identifier.
        ticket_number: SafeInt,
        /// Date and time the ticket was last updated.
        updated_at: DateTime,
        /// Identifier of the vehicle model of the ticket.
        vehicle_model_id: SafeInt,
        /// Vehicle Identification Number (17 characters). Can be null for tickets in "prepared" state.
        vin: Nullable<Text>,
        /// Code of the applied voucher.
        voucher_code: Nullable<Text>,
    }
}
