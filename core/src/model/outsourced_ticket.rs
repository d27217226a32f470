resource! {
    /// A ticket after an outsource transition, as found at
    /// `/v2/tickets/outsourced-tickets/{id}` (fields from the public Partner API
    /// documentation; the seeds of the reference do not show this resource).
    OutsourcedTicket {
        /// Outsourced ticket identifier.
        id: Uuid,
        /// Date and time of creation.
        created_at: DateTime,
        /// Identifier of the customer for whom the ticket was created.
        customer_id: Nullable<Uuid>,
        /// Human-readable ticket identifier.
        ticket_number: SafeInt,
        /// Identifier of the vehicle model of the ticket.
        vehicle_model_id: SafeInt,
        /// Vehicle Identification Number of the vehicle of the ticket.
        vin: Nullable<Text>,
        /// The provider the ticket was outsourced to.
        outsource_provider_id: Uuid,
        /// The ticket created at the outsource provider.
        outsource_ticket_id: Nullable<Uuid>,
        /// Whether the ticket can be taken back from the outsource provider.
        reclaimable: Bool,
        /// Code of the applied voucher.
        voucher_code: Nullable<Text>,
        /// Identifier of the connection.
        connection_id: Nullable<Uuid>,
    }
}
