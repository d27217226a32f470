  /** Retrieve a list of tickets (`GET /v2/tickets/tickets`). */
  listTickets(query?: TicketQuery, options?: CallOptions): Promise<Page<Ticket>>;
  /** Retrieve a single ticket by its identifier. */
  getTicket(ticketId: Uuid, options?: CallOptions): Promise<Ticket>;
  /** Every ticket matching `query`, page after page until `total`. */
  tickets(query?: TicketQuery, options?: CallOptions): PageIterator<Ticket>;
  /** Retrieve a list of 'In Progress' tickets (`GET /v2/tickets/in-progress-tickets`). */
  listInProgressTickets(query?: InProgressTicketQuery, options?: CallOptions): Promise<Page<InProgressTicket>>;
  /** Retrieve a single 'In Progress' ticket by its identifier. */
  getInProgressTicket(id: Uuid, options?: CallOptions): Promise<InProgressTicket>;
  /** Update a single 'In Progress' ticket (`PUT`); only `operator_id` is required. */
  updateInProgressTicket(id: Uuid, update: InProgressTicketUpdate, options?: CallOptions): Promise<InProgressTicket>;
  /** Transition a single 'In Progress' ticket (`PATCH`, answered by 303 See Other). Never retried automatically. */
  transitionInProgressTicket<T extends Transition>(id: Uuid, transition: T, options?: CallOptions): Promise<TransitionResultOf<T>>;
  /** Every in-progress ticket, page after page until `total`. */
  inProgressTickets(query?: InProgressTicketQuery, options?: CallOptions): PageIterator<InProgressTicket>;
  /** Outsource the ticket: `transitionInProgressTicket(id, { type: "outsource", ...fields })`. */
  outsource(id: Uuid, fields: OutsourceFields, options?: CallOptions): Promise<TransitionResult<OutsourcedTicket>>;
  /** Complete the ticket: `transitionInProgressTicket(id, { type: "complete" })`. */
  complete(id: Uuid, options?: CallOptions): Promise<TransitionResult<Ticket>>;
  /** Cancel the ticket: `transitionInProgressTicket(id, { type: "cancel", ...fields })`. */
  cancel(id: Uuid, fields: CancelFields, options?: CallOptions): Promise<TransitionResult<Ticket>>;
