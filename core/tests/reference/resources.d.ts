// Generated from the resource declarations in core/src/model/ by scripts/build-package.sh.
// Do not edit: change the Rust declaration, then run `UPDATE_REFERENCE=1 cargo test -p jifeline-tickets-core --test typescript`.

/** Tickets describe the requests to execute services on a vehicle for your customers. */
export interface Ticket {
  /** Ticket identifier. */
  id: Uuid;
  /** Date and time the ticket was joined by the first operator. */
  assigned_at: DateTimeString | null;
  /** Reference to a cancel reason. Only present for tickets in the cancelled state. */
  cancel_reason_id: number | null;
  /** Identifier of the connection. */
  connection_id: Uuid | null;
  /** Date and time of creation. */
  created_at: DateTimeString;
  /** Identifier for the ticket messenger channel with the customer. This will not be set for tickets in the 'prepared' state. */
  customer_channel_id: Uuid | null;
  /** Identifier of the connector that is used by the customer for whom the initial ticket was created. */
  customer_connector_id: Uuid | null;
  /** Identifier of the customer for whom the ticket was created. */
  customer_id: Uuid | null;
  /** Reference added by the customer (0 to 255 characters). */
  customer_reference: string;
  /** Reference of this ticket to something in an external system. This property value is never changed from within the Jifeline system. */
  external_reference: string;
  /** Whether this ticket has been processed by an external system. This property value is never changed from within the Jifeline system. */
  externally_processed: boolean;
  /** Date and time the ticket was finished at. Only present for tickets in the cancelled or closed states. */
  finished_at: DateTimeString | null;
  /** Identifier for the ticket messenger channel with the operator of the partnered provider that outsourced this ticket to you. Null when the ticket was created by a customer. */
  operator_channel_id: Uuid | null;
  /** Identifier of the assigned operator. Set when the ticket currently is or has been in state "in_progress". */
  operator_id: Uuid | null;
  /** Reference added by the operator (0 to 255 characters). */
  operator_reference: string;
  /** Reflects whether a ticket has been outsourced at least once to another provider. */
  outsourced: boolean;
  /** The identifier of the provider that was the source of this ticket: the provider that insourced it, otherwise your own provider identifier. */
  source_provider_id: Uuid;
  /** The current activity of the ticket. */
  state: TicketState;
  /** Human-readable ticket identifier. */
  ticket_number: number;
  /** Date and time the ticket was last updated. */
  updated_at: DateTimeString;
  /** Identifier of the vehicle model of the ticket. */
  vehicle_model_id: number;
  /** Vehicle Identification Number (17 characters). Can be null for tickets in "prepared" state. */
  vin: string | null;
  /** Code of the applied voucher. */
  voucher_code: string | null;
}

/** An 'In Progress' ticket is a ticket that is joined by an operator and is marked as currently being worked on. */
export interface InProgressTicket {
  /** Ticket identifier. */
  id: Uuid;
  /** Date and time of creation. */
  created_at: DateTimeString;
  /** Identifier of the customer for whom the ticket was created. */
  customer_id: Uuid;
  /** Human-readable ticket identifier. */
  ticket_number: number;
  /** Identifier of the vehicle model on the ticket. */
  vehicle_model_id: number;
  /** Vehicle Identification Number (VIN) of the vehicle on the ticket (17 characters). */
  vin: string;
  /** Date and time service started on this ticket. */
  service_started_at: DateTimeString;
  /** Identifier of the assigned operator. */
  operator_id: Uuid;
  /** Voucher code (4 to 8 characters of `[A-Z0-9]`). */
  voucher_code: string | null;
  /** Reflects whether a ticket has been outsourced at least once to another provider. */
  outsourced: boolean;
  /** Identifier of the connection. */
  connection_id: Uuid | null;
}

/** A ticket after an outsource transition, as found at `/v2/tickets/outsourced-tickets/{id}` (fields from the public Partner API documentation; the seeds of the reference do not show this resource). */
export interface OutsourcedTicket {
  /** Outsourced ticket identifier. */
  id: Uuid;
  /** Date and time of creation. */
  created_at: DateTimeString;
  /** Identifier of the customer for whom the ticket was created. */
  customer_id: Uuid | null;
  /** Human-readable ticket identifier. */
  ticket_number: number;
  /** Identifier of the vehicle model of the ticket. */
  vehicle_model_id: number;
  /** Vehicle Identification Number of the vehicle of the ticket. */
  vin: string | null;
  /** The provider the ticket was outsourced to. */
  outsource_provider_id: Uuid;
  /** The ticket created at the outsource provider. */
  outsource_ticket_id: Uuid | null;
  /** Whether the ticket can be taken back from the outsource provider. */
  reclaimable: boolean;
  /** Code of the applied voucher. */
  voucher_code: string | null;
  /** Identifier of the connection. */
  connection_id: Uuid | null;
}

/** A ticket field `sort_by` accepts (the reference lists none; see the README). */
export type SortField = | "created_at" | "updated_at" | "ticket_number" | "finished_at" | "assigned_at" | "vehicle_model_id";
